# civicscope: platforms, civic techs and neighbourhood networks facing cities and public institutions.
# Edit config/ and run `snakemake --cores 8`. Each rule is one `civicscope <command>` call.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/collect.smk"
include: "workflow/rules/nlp.smk"
include: "workflow/rules/stance.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/figures.smk"


rule all:
    input:
        all_targets(),
    default_target: True
