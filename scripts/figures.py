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
  search-curves            validation accuracy per epoch of every run of the
                           early-stopped search, each ending where it stopped
  NAME-selected-accuracy   for every NAME-configs.csv: one row per
                           configuration, its test accuracy at the best
                           validation epoch, ranked by validation accuracy

Lines and dots are means over seeds, bands and error bars span the seeds'
min to max. Where an experiment sweeps `init` too, each value gets a line per
initialisation: one colour per value, the second initialisation dashed.

The accuracy reported for a configuration is the test accuracy at the epoch
with the best validation accuracy: the validation set chooses the epoch (and
ranks the configurations), so the test set stays unseen. A configuration
without a validation set (an empty `mean_test_accuracy_at_best_validation`,
or an export made before the column) has only its best test epoch, which the
test set chose and so flatters it: figures mark it "by test", and rank it
after the others.

NAME-selected-accuracy labels each row by what differs between the
configurations and puts what they share in the title. REFERENCES holds the
published accuracies drawn beside them: Nielsen's, and Zalando's
Fashion-MNIST benchmark.

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
# The chapter-3 options, and what exports made before them mean by leaving
# them out: Nielsen's chapter-1 network, no validation set.
OPTION_DEFAULTS = {"cost": "quadratic", "l2": "0", "momentum": "0", "patience": "",
                   "eta_halving": "", "validation_size": ""}


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


DATASET_NAMES = {"mnist": "MNIST", "fashion-mnist": "Fashion-MNIST"}


def dataset_name(dataset):
    """A data set as its authors write it; a path or other name as it is."""
    return DATASET_NAMES.get(dataset, dataset)


def context(path, rows, swept, dataset):
    """What a figure holds fixed, e.g. 'MNIST test accuracy per epoch, [784, 30, 10], batch 10'."""
    parts = [f"{dataset_name(dataset)} test accuracy" if dataset else "Test accuracy"]
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
    panel_axes: tuple = () # settings of both panels but not of the legend's row (arrows)
    size = (WIDTH, HEIGHT)

    def script(self, em):
        """The gnuplot commands; em as for DotChart.script, unused here,
        where the margins are fixed."""
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
        ] + self.axes + list(self.panel_axes) + full
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


# ---- the selected configurations ---------------------------------------------

@dataclass(frozen=True)
class Reference:
    """A published accuracy (in %) to compare with: a marker on the rows whose
    configuration has every value in `match`, or, without `match`, a line
    across the whole figure."""
    label: str
    accuracy: float
    match: dict = None


# Per experiment name. Nielsen's are his book's, each the best test epoch of
# one run: chapter 1's, and chapter 3's cross-entropy runs at η = 0.5, batch
# 10, 30 epochs, his N(0, 1) weights. His 97.92% with λ = 5 is left out: it
# is the last epoch's accuracy on the validation data, not on the test set
# (the README sets it beside our validation accuracy). Zalando's is the
# MLPClassifier of the Fashion-MNIST benchmark, about 87% over its settings.
REFERENCES = {
    "nielsen-ch1": (
        Reference("Nielsen", 95.42, {"layers": "784-30-10", "eta": 3, "batch_size": 10,
                                     "cost": "quadratic", "l2": 0, "init": "normal"}),
    ),
    "nielsen-ch3": tuple(
        Reference("Nielsen", accuracy, {"layers": layers, "eta": 0.5, "batch_size": 10,
                                        "cost": "cross_entropy", "l2": l2, "init": "normal"})
        for layers, l2, accuracy in (("784-30-10", 0, 95.49),
                                     ("784-100-10", 0, 96.82))),
    "fashion": (Reference("MLPClassifier, Zalando's benchmark", 87.0),),
}


@dataclass(frozen=True)
class Describe:
    """How one configuration column reads in a row's label, and in the title
    when every row has the same value."""
    column: str
    row: str             # the value in a row label; '' leaves the column out
    title: str = ""      # the value in the title; '' leaves it out there
    quiet: tuple = ("",) # values not worth a word in the title: the defaults


COST_NAMES = {"quadratic": "quadratic", "cross_entropy": "cross-entropy",
              "log_likelihood": "log-likelihood"}
# In the order a label names them.
DESCRIPTIONS = (
    Describe("dataset", "{}"),   # leads the title instead
    Describe("layers", "{}", "{}"),
    Describe("eta", "η {}", "η = {}"),
    Describe("batch_size", "batch {}", "batch {}"),
    Describe("epochs", "{} epochs", "{} epochs"),
    Describe("cost", "{}", "{} cost"),
    Describe("l2", "λ {}", "λ = {}", quiet=("", "0")),
    Describe("momentum", "μ {}", "μ = {}", quiet=("", "0")),
    Describe("patience", "patience {}", "patience {}"),
    Describe("eta_halving", "η halved after {}", "η halved after {} epochs"),
    Describe("init", "{}", "{} init"),
    Describe("train_size", "{} training"),
    Describe("test_size", "{} test"),
    Describe("validation_size", "{} validation"),
    Describe("hash_version", "hash v{}"),
)
NUMERIC = {"eta", "batch_size", "epochs", "l2", "momentum", "patience", "eta_halving",
           "train_size", "test_size", "validation_size", "hash_version"}


def normalised(path, line, column, text):
    """A configuration value as labels show it and references match it."""
    text = text.strip()
    if text == "":
        return ""
    if column in NUMERIC:
        return show(number(path, line, {column: text}, column))
    if column == "layers":
        return "[" + ", ".join(text.split("-")) + "]"
    if column == "dataset":
        return dataset_name(text)
    if column == "cost":
        return COST_NAMES.get(text, text)
    return text


@dataclass
class Choice:
    """One configuration: its test accuracy (in %) as selected, over seeds."""
    values: dict      # column -> normalised value
    mean: float
    low: float
    high: float
    by_test: bool     # no validation set: its best test epoch instead
    rank: tuple       # sorts the best first
    seeds: int
    label: str = ""


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


def selected_choices(path):
    """Every configuration of NAME-configs.csv, the best first: ranked by mean
    best validation accuracy, then those without a validation set by mean
    best test accuracy."""
    rows = read_rows(path, CONFIG_COLUMNS)
    validated = has_validation(path, rows)
    choices = []
    for position, (line, row) in enumerate(rows):
        values = {d.column: normalised(path, line, d.column,
                                       row.get(d.column) or OPTION_DEFAULTS.get(d.column, ""))
                  for d in DESCRIPTIONS}
        mean, low, high, by_test = selected(path, line, row, validated)
        ranking = "mean_best_accuracy" if by_test else VALIDATION_COLUMNS[0]
        rank = (by_test, -number(path, line, row, ranking), position)
        seeds = int(number(path, line, row, "n_seeds"))
        choices.append(Choice(values, mean, low, high, by_test, rank, seeds))
    choices.sort(key=lambda c: c.rank)
    return choices


def describe(choices):
    """Labels each choice by the columns that differ between them, and
    returns the title's words for those that do not."""
    varying = [d for d in DESCRIPTIONS if d.row
               and len({c.values[d.column] for c in choices}) > 1]
    layers = [d for d in DESCRIPTIONS if d.column == "layers"]
    # A row whose label would say nothing (the only one, or one that only
    # lacks a value the others have) is named by its network too.
    if any(all(c.values[d.column] == "" for d in varying) for c in choices):
        varying = [d for d in DESCRIPTIONS if d in varying or d in layers]
    for choice in choices:
        parts = [d.row.format(choice.values[d.column]) for d in varying
                 if choice.values[d.column] != ""]
        choice.label = ", ".join(parts) + (" (by test)" if choice.by_test else "")
    return [d.title.format(choices[0].values[d.column]) for d in DESCRIPTIONS
            if d.title and d not in varying and choices[0].values[d.column] not in d.quiet]


def matches(reference, choice):
    return all(choice.values[column] == normalised("", 0, column, str(value))
               for column, value in reference.match.items())


def wrapped(parts, width, em, separator=", "):
    """parts joined by separator in lines of at most about width pixels (the
    first part alone may be longer), as few lines as that takes, of about
    equal length."""
    def fill(width):
        lines = [parts[0]]
        for part in parts[1:]:
            if text_width(lines[-1] + separator + part, em) > width:
                lines[-1] += separator.rstrip()
                lines.append(part)
            else:
                lines[-1] += separator + part
        return lines

    longest = fill(width)
    total = text_width(separator.join(parts), em)
    even = fill(total / len(longest) + 4 * em)
    return even if len(even) == len(longest) else longest


# Advance widths of DejaVu Sans in ems, by character, for sizing the margin
# that row labels need; other characters count as an average lower-case one.
EMS = {**dict.fromkeys(" ,.:;'!|ijl", 0.32), **dict.fromkeys("[]()rtf-", 0.39),
       **dict.fromkeys("sczJ", 0.55), **dict.fromkeys("kvxyλ", 0.59),
       **dict.fromkeys("aeo", 0.62), **dict.fromkeys("mw%MW", 0.96)}


def text_width(text, em):
    """About how many pixels text takes where an em is em pixels."""
    return em * sum(EMS.get(ch, 0.72 if ch.isupper() else 0.64) for ch in text)


# The larger of the terminals' ems (see render), for what both must fit.
EM = 14


@dataclass
class DotChart:
    """One row per configuration, its selected accuracy a dot with min–max
    bars, the best at the top."""
    title: list           # lines of the heading
    detail: list          # lines saying how rows were selected and aggregated, in smaller type
    choices: list
    references: list      # (Reference, [row numbers]) markers, or (Reference, None) lines
    x: tuple              # range (low, high, tic step) in %

    ROW = 26              # pixels per configuration
    LINE = 20             # pixels per line of the heading
    BOTTOM = 64           # pixels below the plot, for the x axis
    PLOT = 440            # pixels at least for the plot and the values' column

    @property
    def heading(self):
        """Pixels from the top of the figure to the bottom of the heading."""
        return (len(self.title) + len(self.detail)) * self.LINE

    @property
    def top(self):
        """Pixels from the top of the figure to the top of the plot, below the legend."""
        return self.heading + 54

    @property
    def size(self):
        """The usual width, wider where the labels would leave the plot less
        than PLOT pixels; as high as the rows need."""
        labels = max(text_width(c.label, EM) for c in self.choices) + 16
        return (max(WIDTH, math.ceil(labels) + self.PLOT),
                self.top + max(len(self.choices) * self.ROW, 80) + self.BOTTOM)

    def script(self, em):
        """The gnuplot commands, for a terminal whose text is em pixels to
        the em of DejaVu Sans."""
        width, height = self.size
        n = len(self.choices)
        low, high, step = self.x

        def screen_y(pixels):   # pixels from the top, as a screen coordinate
            return f"{1 - pixels / height:.4f}"

        heading = "\n".join([enhanced(t) for t in self.title]
                            + ["{/*0.85 " + enhanced(t) + "}" for t in self.detail])
        # The labels' margin fits the longest; the values' column is right of the plot.
        left = (max(text_width(c.label, em) for c in self.choices) + 16) / width
        right = 1 - (text_width("100.00%", em) + 20) / width
        y = {id(c): n - i for i, c in enumerate(self.choices)}   # the best at the top
        blocks, plots, keys, titles = [], [], [], []   # keys: the legend's samples
        for by_test, style, title in (
                (False, f"pt 7 ps 1.1 lw 1.6 lc rgb '{colour(0)}'", "at best validation epoch"),
                (True, f"pt 6 ps 1.1 lw 1.6 lc rgb '{colour(4)}'", "best epoch (by test)")):
            group = [c for c in self.choices if c.by_test == by_test]
            if group:
                name = "bytest" if by_test else "validated"
                # Rows below the x range have only their arrow (set below).
                rows = [(c.mean, y[id(c)], c.low, c.high) for c in group if c.mean >= low]
                blocks.append(data_block(name, rows or [(float("nan"),) * 4]))
                plots.append(f"${name} using 1:2:3:4 with xerrorbars {style} notitle")
                keys.append(f"NaN with points {style} title {quote(title)}")
                titles.append(title)
        for reference, rows in self.references:
            if rows is None:
                style = "lw 1.6 dt (8,4) lc rgb '#000000'"
                blocks.append(data_block("line", [(reference.accuracy, 0.4), (reference.accuracy, n + 0.6)]))
                plots.append(f"$line using 1:2 with lines {style} notitle")
                keys.append(f"NaN with lines {style} title {quote(reference.label)}")
                titles.append(reference.label)
        marks = [(reference.accuracy, y[id(self.choices[row])])
                 for reference, rows in self.references if rows for row in rows]
        if marks:
            style = f"pt 12 ps 1.7 lw 1.6 lc rgb '{colour(3)}'"
            blocks.append(data_block("published", marks))
            plots.append(f"$published using 1:2 with points {style} notitle")
            keys.append(f"NaN with points {style} title 'Nielsen, best test epoch of one run'")
            titles.append("Nielsen, best test epoch of one run")

        decorations = [f"set label {quote(f'{c.mean:.2f}%')} at screen {right + 12 / width:.4f}, "
                       f"first {y[id(c)]} left noenhanced tc rgb '{AXES}'" for c in self.choices]
        # A row far below the rest points off the left edge instead of
        # squeezing the others together; the values' column has its number.
        for c in self.choices:
            if c.mean < low:
                decorations.append(
                    f"set arrow from first {low + (high - low) * 0.05!r}, first {y[id(c)]} to first {low!r}, "
                    f"first {y[id(c)]} head filled size screen 0.012,25 lw 1.6 "
                    f"lc rgb '{colour(4 if c.by_test else 0)}'")
        by_test = [c.by_test for c in self.choices]
        if True in by_test and False in by_test:   # a rule between the two rankings
            between = n - by_test.index(True) + 0.5
            decorations.append(f"set arrow from graph 0, first {between} to graph 1, first {between} "
                               f"nohead dt (4,4) lw 1 lc rgb '{AXES}'")
        # gnuplot sizes the legend's columns for its wider guess at the
        # longest title; narrower, they fit in one row more often.
        longest = max(len(title) for title in titles)
        style = STYLE.split("\nset style fill")[0]   # the axes, not the panels' margins
        frame = [f"set tmargin at screen {screen_y(self.top)}",
                 f"set bmargin at screen {screen_y(height - self.BOTTOM)}"]
        return "\n".join(blocks + [
            KEY_STYLE, style, f"set multiplot title {quote(heading)} enhanced",
            # The legend is a plot of its own, as in Figure, in one row.
            f"set key at screen 0.5, screen {screen_y(self.heading + 14)} maxrows 1 width {-(longest // 6)}",
            "set lmargin at screen 0.02", "set rmargin at screen 0.98", *frame,
            "set xrange [0:1]", "set yrange [-2:-1]", "unset border", "unset xtics", "unset ytics",
            "unset grid", "set xlabel ''", "set ylabel ''",
            "plot " + ", ".join(keys),
            "unset key", style, *frame,
            f"set lmargin at screen {left:.4f}", f"set rmargin at screen {right:.4f}",
            f"set yrange [0.4:{n + 0.6}]",
            "set ytics noenhanced scale 0 (" + ", ".join(
                f"{quote(c.label)} {y[id(c)]}" for c in self.choices) + ")",
            f"set xrange [{low}:{high}]", f"set xtics {step}", "set format x '%g%%'",
            "set xlabel 'test accuracy'", "set ylabel ''",
            *decorations,
            "plot " + ", \\\n     ".join(plots), "unset multiplot"])


def selected_accuracy_figure(path, name):
    choices = selected_choices(path)
    constant = describe(choices)
    datasets = {c.values["dataset"] for c in choices}
    lead = f"{datasets.pop()} test accuracy per configuration" if len(datasets) == 1 else \
        "Test accuracy per configuration"
    seeds = [c.seeds for c in choices]
    aggregate = seeds_text(seeds) + (" (bars: min–max)" if max(seeds) > 1 else "")
    if all(c.by_test for c in choices):
        detail = ["no validation set: best test epoch (chosen on the test set, so optimistic)", aggregate]
    else:
        detail = ["ranked by validation accuracy", f"test accuracy at the best validation epoch, {aggregate}"]
        if any(c.by_test for c in choices):
            detail.append("(by test): no validation set, best test epoch (optimistic), ranked below")
    references = []
    for reference in REFERENCES.get(name, ()):
        if reference.match is None:
            references.append((reference, None))
            continue
        rows = [i for i, c in enumerate(choices) if matches(reference, c)]
        if rows:
            references.append((reference, rows))
        else:
            print(f"note: {name}: no configuration matches {reference.label}'s {show(reference.accuracy)}%")
    # The x range holds every row near the best, their whole spreads and the
    # references; rows far below point off its left edge.
    best = max(c.mean for c in choices)
    close = [c for c in choices if c.mean >= best - 15]
    spans = [v for c in close for v in (c.low, c.high)] + [r.accuracy for r, _ in references]
    margin = 0.7 if len(close) < len(choices) else 0   # room for the arrows
    return DotChart(title=wrapped([lead, *constant], WIDTH - 60, EM),
                    detail=wrapped(detail, WIDTH - 60, 0.85 * EM, "; "),
                    choices=choices, references=references,
                    x=nice_range(min(spans) - margin, max(spans)))


SEARCH_COLUMNS = ("config_hash", "epoch", "epochs", "validation_accuracy")


def search_figure(path, dataset):
    """Every run of an early-stopped search: its validation accuracy per epoch
    (what the search ranks on), each line ending where the search stopped it,
    coloured by how far it got, with the rung epochs marked."""
    curves = {}   # config hash -> [(epoch, validation %)]
    most = 0
    for line, row in read_rows(path, SEARCH_COLUMNS):
        epoch = int(number(path, line, row, "epoch"))
        curves.setdefault(row["config_hash"], []).append((epoch, 100 * number(path, line, row, "validation_accuracy")))
        most = max(most, int(number(path, line, row, "epochs")))
    if not curves:
        raise FigureError(f"{path}: no epochs")
    reached = {hash: max(e for e, _ in points) for hash, points in curves.items()}
    stops = sorted(set(reached.values()), reverse=True)
    rungs = sorted(e for e in stops if e < most)
    blocks, plots = [], []
    # The furthest runs last, so they are drawn on top; one legend entry per group.
    for group, epochs in enumerate(stops):
        runs = sorted(hash for hash in curves if reached[hash] == epochs)
        label = (f"trained to epoch {epochs}" if epochs == most else f"stopped after epoch {epochs}") + f" ({len(runs)})"
        for index, hash in enumerate(runs):
            name = f"r{group}_{index}"
            blocks.append(data_block(name, sorted(curves[hash])))
            title = f"title {quote(label)}" if index == 0 else "notitle"
            width = 2.6 if epochs == most else 1.4
            plots.append(f"${name} using 1:2 with linespoints pt 7 ps 0.45 lw {width} lc rgb '{colour(group)}' {title}")
    plots.reverse()
    values = [v for points in curves.values() for _, v in points]
    full, zoom = y_ranges([(v, v) for v in values], [(sorted(p)[-1][1], sorted(p)[-1][1]) for p in curves.values()])
    axes = ["set logscale x 3", f"set xrange [0.9:{most * 1.1:g}]",
            "set xtics (" + ", ".join(f'"{e}" {e}' for e in sorted({1, *rungs, most})) + ")",
            "set xlabel 'epoch (log scale)'", "set ylabel 'validation accuracy'"]
    arrows = [f"set arrow from first {e}, graph 0 to first {e}, graph 1 nohead lc rgb '{AXES}' dt (4,4) lw 1" for e in rungs]
    name = dataset_name(dataset) if dataset else "Validation"
    counts = ", ".join(f"{sum(1 for r in reached.values() if r == e)} after epoch {e}" for e in rungs)
    return Figure(
        title=f"{name} validation accuracy per epoch of every run of the search",
        detail=f"{len(curves)} runs, early stopping at the dashed rungs: stopped {counts}",
        blocks=blocks, axes=axes, panel_axes=arrows, plot="plot " + ", \\\n     ".join(plots), full=full, zoom=zoom)


def png_terminal(gnuplot):
    """pngcairo where gnuplot has it (antialiased, like the SVG), else libgd's png."""
    for terminal in ("pngcairo", "png"):
        probe = subprocess.run([gnuplot, "-e", f"set terminal {terminal}"], capture_output=True, text=True)
        if probe.returncode == 0 and not probe.stderr.strip():
            return terminal
    raise FigureError(f"{gnuplot}: has neither the pngcairo nor the png terminal (install Debian's gnuplot-nox)")


def render(gnuplot, png, figure, stem):
    """Draws figure into stem.svg and stem.png, one gnuplot run each."""
    width, height = figure.size
    # Each with the size of its text as pixels to an em of DejaVu Sans:
    # Helvetica's letters are about 0.89 of DejaVu's, at 13 pixels; 10.5
    # points are 14 pixels.
    terminals = {
        "svg": (f"set terminal svg size {width},{height} font 'Helvetica,13' background rgb 'white'", 11.6),
        "png": (f"set terminal pngcairo size {width},{height} font 'DejaVu Sans,10.5' background rgb 'white'"
                if png == "pngcairo" else
                f"set terminal png truecolor size {width},{height} font 'DejaVu Sans,10' background rgb 'white'", 14),
    }
    with tempfile.TemporaryDirectory() as scratch:
        for extension, (terminal, em) in terminals.items():
            output = f"{stem}.{extension}"
            script = os.path.join(scratch, f"{os.path.basename(output)}.gp")
            with open(script, "w", encoding="utf-8") as f:
                f.write(f"{terminal}\nset output {quote(output)}\n{figure.script(em)}\nset output\n")
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

    epochs_path = os.path.join(results, "search-epochs.csv")
    stem = os.path.join(output, "search-curves")
    if os.path.exists(epochs_path):
        render(gnuplot, png, search_figure(epochs_path, dataset_of(os.path.join(results, "search-configs.csv"))), stem)
    else:
        print(f"skipped {stem}: {epochs_path} not found")

    # Every experiment exported, and a note for the known ones that were not.
    suffix = "-configs.csv"
    exported = {f[:-len(suffix)] for f in os.listdir(results) if f.endswith(suffix) and len(f) > len(suffix)}
    for name in sorted(exported | {s.name for s in SWEEPS} | set(REFERENCES)):
        configs_path = os.path.join(results, name + suffix)
        stem = os.path.join(output, f"{name}-selected-accuracy")
        if name in exported:
            render(gnuplot, png, selected_accuracy_figure(configs_path, name), stem)
        else:
            print(f"skipped {stem}: {configs_path} not found")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except FigureError as error:
        sys.exit(f"figures.py: {error}")
