#!/usr/bin/env python3
"""Draw the figures of the exported sweeps with gnuplot.

Usage: figures.py RESULTS_DIR OUTPUT_DIR

Reads RESULTS_DIR/NAME-epochs.csv and NAME-configs.csv (written by
`runner sweep` / `runner export`) and writes, as SVG and PNG, into OUTPUT_DIR:

  eta-learning-curves      test accuracy per epoch, one line per eta
  hidden-learning-curves   the same per hidden-layer size (and initialisation)
  batch-learning-curves    the same per mini-batch size
  eta-final-accuracy       final accuracy, and accuracy at the best validation
                           epoch, against eta (log axis)

Lines are means over seeds, bands and error bars span the seeds' min to max.
Where an experiment sweeps `init` too, each value gets a line per
initialisation: one colour per value, the second initialisation dashed.

The accuracy reported for a configuration is the test accuracy at the epoch
with the best validation accuracy: the validation set chooses the epoch, so
the test set stays unseen. A configuration without a validation set (an
empty `mean_test_accuracy_at_best_validation`, or an export made before the
column) has only its best test epoch, which the test set chose and so
flatters it: figures mark it "by test".

A figure whose CSV is missing is skipped with a note; a CSV without an
expected column or with a bad value, or a missing gnuplot, stops the script
with a one-line error naming the file (and line). Only the standard library
is used, so the figures need nothing beyond python3 and gnuplot (Debian:
gnuplot-nox).
"""
import csv
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass

WIDTH, HEIGHT = 800, 500
# Okabe & Ito's palette, which colour-blind readers can tell apart; its yellow
# is left out because it vanishes on white.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000")
GRID = "#e3e3e3"
AXES = "#505050"


class FigureError(Exception):
    """A problem with an input file or the tools, reported as one line."""


@dataclass(frozen=True)
class Sweep:
    """How one experiment's learning curves are split into series."""
    name: str
    column: str          # the swept column of NAME-epochs.csv
    legend: str          # format for one series' legend, given its value as text

    def label(self, value):
        return self.legend.format(value=value)


SWEEPS = (
    Sweep("eta", "eta", "η = {value}"),
    Sweep("hidden", "hidden", "{value} hidden"),
    Sweep("batch", "batch_size", "batch {value}"),
)

EPOCH_COLUMNS = ("layers", "eta", "batch_size", "init", "seed", "epoch", "test_accuracy")
FINAL_COLUMNS = ("mean_final_accuracy", "min_final_accuracy", "max_final_accuracy")
BY_TEST_COLUMNS = ("mean_best_accuracy", "min_best_accuracy", "max_best_accuracy")
CONFIG_COLUMNS = ("layers", "eta", "epochs", "batch_size", "dataset", "n_seeds",
                  *FINAL_COLUMNS, *BY_TEST_COLUMNS)
# Selection by validation accuracy, which exports made before it lack: all of
# these columns or none. An empty value is a configuration without a
# validation set, which has only the accuracy of its best test epoch.
VALIDATION_COLUMNS = ("mean_best_validation_accuracy",
                      "mean_test_accuracy_at_best_validation",
                      "min_test_accuracy_at_best_validation",
                      "max_test_accuracy_at_best_validation")


# ---- reading ---------------------------------------------------------------

def read_rows(path, required):
    """The rows of a CSV as (line number, dict), after checking its header."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise FigureError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = [(reader.line_num, row) for row in reader]
    except OSError as error:
        raise FigureError(f"{path}: {error.strerror}") from None
    if not rows:
        raise FigureError(f"{path}: no data rows")
    return rows


def number(path, line, row, column):
    text = row[column]
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise FigureError(f"{path}:{line}: column {column}: expected a number, found {text!r}") from None
    if not math.isfinite(value):
        raise FigureError(f"{path}:{line}: column {column}: expected a finite number, found {text!r}")
    return value


def show(value):
    """A number as people write it: 3.0 -> 3, 0.025 -> 0.025."""
    return f"{value:g}"


def layers_text(all_layers):
    """'[784, 30, 10]', or '[784, h, 10]' where the sizes differ at one place."""
    shapes = sorted({tuple(l.split("-")) for l in all_layers})
    if len(shapes) == 1:
        return "[" + ", ".join(shapes[0]) + "]"
    if len({len(s) for s in shapes}) != 1:
        return None
    varying = [i for i in range(len(shapes[0])) if len({s[i] for s in shapes}) > 1]
    if len(varying) != 1:
        return None
    parts = list(shapes[0])
    parts[varying[0]] = "h"
    return "[" + ", ".join(parts) + "]"


def seeds_text(counts):
    low, high = min(counts), max(counts)
    if high == 1:
        return "1 seed"
    return f"mean of {low} seeds" if low == high else f"mean of {low}–{high} seeds"


def context(path, rows, swept, dataset):
    """What a figure holds fixed, e.g. 'MNIST test accuracy per epoch, [784, 30, 10], batch 10'."""
    parts = [f"{dataset.upper()} test accuracy" if dataset else "Test accuracy"]
    layers = layers_text(row["layers"] for _, row in rows)
    if layers:
        parts.append(layers)
    for column, name in (("eta", "η = {}"), ("batch_size", "batch {}")):
        values = {number(path, line, row, column) for line, row in rows}
        if column != swept and len(values) == 1:
            parts.append(name.format(show(values.pop())))
    return parts


def dataset_of(configs_path):
    """The dataset named by NAME-configs.csv, or None when that file is absent."""
    if not os.path.exists(configs_path):
        return None
    names = {row["dataset"] for _, row in read_rows(configs_path, ("dataset",))}
    return names.pop() if len(names) == 1 else None


@dataclass
class Series:
    label: str
    points: list      # (epoch, mean %, min %, max %)
    seeds: int
    colour: int = 0   # one colour per value of the swept column
    dashed: bool = False   # the second initialisation, where an experiment has two


def learning_curves(path, sweep):
    """One Series per value of the swept column, sorted numerically; per value
    and initialisation where the experiment sweeps `init` too."""
    rows = read_rows(path, EPOCH_COLUMNS + (sweep.column,))
    accuracies = {}   # (value, init) -> epoch -> [accuracy of each seed]
    seeds = {}
    for line, row in rows:
        key = (number(path, line, row, sweep.column), row["init"])
        epoch = int(number(path, line, row, "epoch"))
        accuracy = number(path, line, row, "test_accuracy")
        accuracies.setdefault(key, {}).setdefault(epoch, []).append(accuracy)
        seeds.setdefault(key, set()).add(row["seed"])
    values = sorted({value for value, _ in accuracies})
    inits = sorted({init for _, init in accuracies})
    series = []
    for value, init in sorted(accuracies):
        points = [(epoch, 100 * statistics.fmean(a), 100 * min(a), 100 * max(a))
                  for epoch, a in sorted(accuracies[(value, init)].items())]
        label = sweep.label(show(value)) + (f", {init} init" if len(inits) > 1 else "")
        series.append(Series(label, points, len(seeds[(value, init)]),
                             colour=values.index(value), dashed=inits.index(init) > 0))
    return rows, series


# ---- gnuplot ---------------------------------------------------------------

def quote(text):
    """A gnuplot double-quoted string literal holding text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def enhanced(text):
    """Text that enhanced mode prints as is: its markup characters escaped."""
    for special in "\\^_@&~{}":
        text = text.replace(special, "\\" + special)
    return text


def data_block(name, rows):
    lines = [f"${name} << EOD"]
    lines += [" ".join(f"{x:.6g}" for x in row) for row in rows]
    lines.append("EOD")
    return "\n".join(lines)


def nice_range(low, high):
    """A y range in % with round ends and its tic step, around low..high."""
    span = high - low
    step = 10 if span > 40 else 5 if span > 15 else 2 if span > 6 else 1
    # A little headroom so no curve runs along the frame.
    return (max(0, math.floor((low - 0.3) / step) * step),
            min(100, math.ceil((high + 0.3) / step) * step),
            step)


def y_ranges(spans, finals, gap=15):
    """The y range of the whole data and, when some series end far below the
    rest (eta = 100 stays near 10%), a zoom on the others: (full, zoom or None).

    spans: (low, high) of every plotted value; finals: per series its
    (mean, lowest) at the end.
    """
    best = max(mean for mean, _ in finals)
    close = [lowest for mean, lowest in finals if mean >= best - gap]
    top = max(high for _, high in spans)
    if len(close) == len(finals):
        return nice_range(min(low for low, _ in spans), top), None
    # The zoom keeps every close series' whole final spread in view.
    return (0, 100, 20), nice_range(min(close) - 0.7, top)


KEY_STYLE = """\
set encoding utf8
set key at screen 0.5, screen 0.885 center top horizontal noenhanced reverse Left samplen 2.5 width -1 nobox"""
STYLE = f"""\
set border 3 lc rgb "{AXES}"
set xtics nomirror out scale 0.6 textcolor rgb "{AXES}"
set ytics nomirror out scale 0.6 textcolor rgb "{AXES}"
set grid xtics ytics lc rgb "{GRID}" lw 1 dt solid
set style fill transparent solid 0.16 noborder
set format y "%g%%"
set ylabel "test accuracy"
set tmargin at screen 0.76
set bmargin at screen 0.12
set rmargin at screen 0.97"""


@dataclass
class Figure:
    title: str            # what is plotted, first line
    detail: str           # how it was aggregated, second line in smaller type
    blocks: list          # gnuplot data blocks the plot reads
    axes: list            # settings of both panels
    plot: str             # the plot command, series titled for the legend
    full: tuple           # y range (low, high, tic step) of the whole data
    zoom: tuple = None    # y range of a second, zoomed panel, when needed
    zoom_axes: tuple = () # settings only for the zoomed panel

    def script(self):
        heading = enhanced(self.title) + "\n{/*0.85 " + enhanced(self.detail) + "}"
        panel_title = f"set title '{{}}' font ',10' tc rgb '{AXES}'"
        full = [f"set yrange [{self.full[0]}:{self.full[1]}]", f"set ytics {self.full[2]}"]
        lines = self.blocks + [KEY_STYLE, STYLE] + self.axes + [
            f"set multiplot title {quote(heading)} enhanced",
            # gnuplot fits a key's columns into its own plot's width, so the
            # legend row gets a plot of its own that spans the figure and
            # shows nothing but the key.
            "set lmargin at screen 0.02", "set rmargin at screen 0.98",
            "set yrange [-2:-1]", "unset border", "unset xtics", "unset ytics", "unset grid",
            "set xlabel ''", "set ylabel ''",
            self.plot,
            "unset key", STYLE, "set lmargin at screen 0.095",
        ] + self.axes + full
        if self.zoom is None:
            # Without panel titles the plot can start closer to the legend.
            return "\n".join(lines + ["set tmargin at screen 0.80", self.plot, "unset multiplot"])
        low, high, step = self.zoom
        # Every series on the whole scale, then the close ones zoomed in.
        return "\n".join(lines + [
            "set rmargin at screen 0.385", panel_title.format("all"), self.plot,
            "set lmargin at screen 0.475", "set rmargin at screen 0.97",
            panel_title.format(f"zoomed to {low}–{high}%"),
            f"set yrange [{low}:{high}]", f"set ytics {step}", "set ylabel ''",
        ] + list(self.zoom_axes) + [self.plot, "unset multiplot"])


def colour(index):
    return COLOURS[index % len(COLOURS)]


def curves_figure(path, sweep, rows, series, dataset):
    seeds = [s.seeds for s in series]
    detail = seeds_text(seeds) + (" (band: min–max over seeds)" if max(seeds) > 1 else "")
    parts = context(path, rows, sweep.column, dataset)
    parts[0] += " per epoch"
    bands = [f"$s{i} using 1:3:4 with filledcurves lc rgb '{colour(s.colour)}' notitle"
             for i, s in enumerate(series)]
    lines = [f"$s{i} using 1:2 with lines lw 2.2 lc rgb '{colour(s.colour)}'"
             + (" dt (6,3)" if s.dashed else "") + f" title {quote(s.label)}"
             for i, s in enumerate(series)]
    epochs = [p[0] for s in series for p in s.points]
    first_tic = " add (1)" if min(epochs) == 1 else ""
    full, zoom = y_ranges([(p[2], p[3]) for s in series for p in s.points],
                          [(s.points[-1][1], s.points[-1][2]) for s in series])
    return Figure(
        title=", ".join(parts), detail=detail,
        blocks=[data_block(f"s{i}", s.points) for i, s in enumerate(series)],
        axes=[f"set xrange [{min(epochs)}:{max(epochs)}]",
              f"set xtics {10 if zoom else 5}{first_tic}", "set xlabel 'epoch'"],
        # Bands first, so every line is drawn over every band.
        plot="plot " + ", \\\n     ".join(bands + lines),
        full=full, zoom=zoom, zoom_axes=[f"set xtics 5{first_tic}"])


def has_validation(path, rows):
    """Whether NAME-configs.csv has the selection by validation accuracy:
    all of its columns, or none for an export made before it."""
    header = list(rows[0][1])
    missing = [c for c in VALIDATION_COLUMNS if c not in header]
    if missing and len(missing) < len(VALIDATION_COLUMNS):
        raise FigureError(f"{path}: missing column(s) {', '.join(missing)}")
    return not missing


def selected(path, line, row, validated):
    """A configuration's test accuracy (in %) as selected: mean, min and max
    at the best validation epoch; without a validation set (an empty value,
    or an export without the columns) at the best test epoch, and True."""
    if validated and row[VALIDATION_COLUMNS[1]].strip() != "":
        return (*(100 * number(path, line, row, c) for c in VALIDATION_COLUMNS[1:]), False)
    return (*(100 * number(path, line, row, c) for c in BY_TEST_COLUMNS), True)


def final_accuracy_figure(path, dataset):
    rows = read_rows(path, CONFIG_COLUMNS)
    validated = has_validation(path, rows)
    points = []   # eta, final mean/min/max (in %), seeds, selected mean/min/max, whether by test
    for line, row in rows:
        eta = number(path, line, row, "eta")
        if eta <= 0:
            raise FigureError(f"{path}:{line}: column eta: a log axis needs a positive learning rate, found {row['eta']!r}")
        final = [100 * number(path, line, row, c) for c in FINAL_COLUMNS]
        points.append((eta, *final, int(number(path, line, row, "n_seeds")),
                       *selected(path, line, row, validated)))
    points.sort()
    epochs = {show(number(path, line, row, "epochs")) for line, row in rows}
    seeds = [p[4] for p in points]
    detail = seeds_text(seeds) + (" (error bars: min–max over seeds)" if max(seeds) > 1 else "")
    parts = context(path, rows, "eta", dataset)
    parts[0] += " against η"
    final = "final" + (f" (epoch {epochs.pop()})" if len(epochs) == 1 else " epoch")
    etas = [p[0] for p in points]
    blocks = [data_block("final", [p[:4] for p in points])]
    plots = [f"$final using 1:2:3:4 with yerrorlines lw 2 pt 7 ps 0.9 lc rgb '{colour(0)}' title {quote(final)}"]
    # The selected epochs sit a hair to the right so their error bars and
    # the final epoch's stay apart where they are long. Configurations
    # without a validation set have only their best test epoch, which the
    # test set chose, so it is a series of its own.
    for by_test, name, style, title in (
            (False, "validation", f"dt (6,3) pt 5 lc rgb '{colour(3)}'", "at best validation epoch"),
            (True, "bytest", f"dt (2,2) pt 4 lc rgb '{colour(4)}'", "best epoch (by test)")):
        chosen = [(p[0], *p[5:8]) for p in points if p[8] == by_test]
        if chosen:
            blocks.append(data_block(name, chosen))
            plots.append(f"${name} using ($1*1.07):2:3:4 with yerrorlines lw 1.6 ps 0.8 {style} title {quote(title)}")
    full, zoom = y_ranges([(p[2], p[3]) for p in points] + [(p[6], p[7]) for p in points],
                          [(p[1], p[2]) for p in points])
    return Figure(
        title=", ".join(parts), detail=detail, blocks=blocks,
        axes=["set logscale x",
              f"set xrange [{min(etas) / 1.7!r}:{max(etas) * 1.7!r}]",
              "set xtics (" + ", ".join(f"'{show(e)}' {e!r}" for e in etas) + ")",
              "set xlabel 'learning rate η (log scale)'"],
        plot="plot " + ", \\\n     ".join(plots), full=full, zoom=zoom)


def png_terminal(gnuplot):
    """pngcairo where gnuplot has it (antialiased, like the SVG), else libgd's png."""
    for terminal in ("pngcairo", "png"):
        probe = subprocess.run([gnuplot, "-e", f"set terminal {terminal}"], capture_output=True, text=True)
        if probe.returncode == 0 and not probe.stderr.strip():
            return terminal
    raise FigureError(f"{gnuplot}: has neither the pngcairo nor the png terminal (install Debian's gnuplot-nox)")


def render(gnuplot, png, figure, stem):
    """Draws figure into stem.svg and stem.png, one gnuplot run each."""
    terminals = {
        "svg": f"set terminal svg size {WIDTH},{HEIGHT} font 'Helvetica,13' background rgb 'white'",
        "png": (f"set terminal pngcairo size {WIDTH},{HEIGHT} font 'DejaVu Sans,10.5' background rgb 'white'"
                if png == "pngcairo" else
                f"set terminal png truecolor size {WIDTH},{HEIGHT} font 'DejaVu Sans,10' background rgb 'white'"),
    }
    body = figure.script()
    with tempfile.TemporaryDirectory() as scratch:
        for extension, terminal in terminals.items():
            output = f"{stem}.{extension}"
            script = os.path.join(scratch, f"{os.path.basename(output)}.gp")
            with open(script, "w", encoding="utf-8") as f:
                f.write(f"{terminal}\nset output {quote(output)}\n{body}\nset output\n")
            result = subprocess.run([gnuplot, script], capture_output=True, text=True)
            # gnuplot reports some mistakes as warnings and still exits 0.
            if result.returncode != 0 or result.stderr.strip():
                message = " ".join(result.stderr.split()) or f"exit status {result.returncode}"
                raise FigureError(f"{output}: gnuplot failed: {message}")
            print(f"wrote {output}")


def main(arguments):
    if len(arguments) != 2:
        raise SystemExit("usage: figures.py RESULTS_DIR OUTPUT_DIR")
    results, output = arguments
    gnuplot = shutil.which("gnuplot")
    if gnuplot is None:
        raise FigureError("gnuplot: not found on PATH (install Debian's gnuplot-nox)")
    png = png_terminal(gnuplot)
    os.makedirs(output, exist_ok=True)

    for sweep in SWEEPS:
        epochs_path = os.path.join(results, f"{sweep.name}-epochs.csv")
        stem = os.path.join(output, f"{sweep.name}-learning-curves")
        if not os.path.exists(epochs_path):
            print(f"skipped {stem}: {epochs_path} not found")
            continue
        dataset = dataset_of(os.path.join(results, f"{sweep.name}-configs.csv"))
        rows, series = learning_curves(epochs_path, sweep)
        render(gnuplot, png, curves_figure(epochs_path, sweep, rows, series, dataset), stem)

    configs_path = os.path.join(results, "eta-configs.csv")
    stem = os.path.join(output, "eta-final-accuracy")
    if os.path.exists(configs_path):
        render(gnuplot, png, final_accuracy_figure(configs_path, dataset_of(configs_path)), stem)
    else:
        print(f"skipped {stem}: {configs_path} not found")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except FigureError as error:
        sys.exit(f"figures.py: {error}")
