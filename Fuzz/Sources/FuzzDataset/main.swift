import Datasets
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    InputFile.with(start, count, name: "data-idx-ubyte.gz") { path in
        _ = try? IDXReader.readDimensions(path: path)
        _ = try? IDXReader.read(path: path)
    }
    return 0
}
