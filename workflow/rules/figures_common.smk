# Constants and functions of the figure and run_info rules (figures.smk), kept apart as `snakemake --lint` asks.
import json

RUN_INFO = "results/run_info.json"
# The pinned stack ships with the workflow, wherever the analysis runs (--directory).
LOCK_FILE = str(Path(workflow.basedir) / "requirements.lock")

# The journal column each figure fills (widths in mm come from config["figures"]).
FIGURE_COLUMNS = {
    "corpus_composition": "double",
    "stance_over_time": "double",
    "topic_prevalence": "double",
    "topic_stance_heatmap": "double",
    "stance_network": "double",
    "stance_evaluation": "double",
    "topic_quality": "single",
}
# Report subcategories, numbered as the figures are in docs/figures.md.
FIGURE_TITLES = {
    "corpus_composition": "1. Corpus composition",
    "stance_over_time": "2. Stance over time",
    "topic_prevalence": "3. Topic prevalence",
    "topic_stance_heatmap": "4. Topics and stance",
    "stance_network": "5. Stance network",
    "stance_evaluation": "6. Stance evaluation",
    "topic_quality": "7. Topic-model quality",
}
FILE_KINDS = {"pdf": "PDF (vector)", "png": "PNG", "csv": "CSV (data drawn)"}


def figure_style(name):
    """Language, width and resolution of a figure as `civicscope figure` options."""
    f = config["figures"]
    width = f[f"{FIGURE_COLUMNS[name]}_column_mm"]
    return f"--language {f.get('language', 'en')} --width-mm {width} --dpi {f.get('dpi', 300)}"


def figure_output(name, ext):
    """One output file of a figure, wrapped for the HTML report with the figure's caption."""
    return report(
        f"{FIGURES}/{name}.{ext}",
        caption=f"../report/{name}.rst",
        category="Figures",
        subcategory=FIGURE_TITLES[name],
        labels={"figure": FIGURE_TITLES[name], "file": FILE_KINDS[ext]},
    )


def output_prefix(wildcards, output):
    """The figure's output path without extension, taken from its PDF output."""
    return str(Path(output.pdf).with_suffix(""))


def config_files():
    """The configuration files of this run (config/config.yaml and any --configfile)."""
    files = []
    for name in workflow.configfiles:
        path = Path(name)
        # Snakemake makes --configfile paths absolute; relative ones keep run_info the same in any folder.
        if path.is_absolute() and path.is_relative_to(Path.cwd()):
            path = path.relative_to(Path.cwd())
        files.append(str(path))
    return files


def input_files():
    """Every input file the configuration names, hashed into run_info."""
    files = [config["sources"], config["actors"], config["stance_lexicon"], *config["annotations"].values()]
    labels = config.get("topic_labels")
    if labels and Path(labels).exists():
        files.append(labels)
    return sorted(set(files))


def final_outputs():
    """Everything the default target builds except run_info itself, so that run_info runs last."""
    return [t for t in all_targets() if t != RUN_INFO]
