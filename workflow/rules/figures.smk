# Publication figures (PDF + PNG + the CSV of what is drawn), each in the HTML report with its caption,
# and results/run_info.json, the provenance record written once everything else exists.
include: "figures_common.smk"


rule figure_corpus_composition:
    input:
        documents=f"{INTERIM}/documents.parquet",
    output:
        pdf=figure_output("corpus_composition", "pdf"),
        png=figure_output("corpus_composition", "png"),
        csv=figure_output("corpus_composition", "csv"),
    params:
        style=figure_style("corpus_composition"),
        prefix=output_prefix,
    log:
        "logs/figures/corpus_composition.log",
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope figure corpus_composition --input documents={input.documents:q} "
        "--output-prefix {params.prefix:q} {params.style} 2> {log:q}"


rule figure_stance_over_time:
    input:
        by_type=f"{TABLES}/stance_by_type_period.csv",
        by_actor=f"{TABLES}/stance_by_actor_period.csv",
        actors=config["actors"],
    output:
        pdf=figure_output("stance_over_time", "pdf"),
        png=figure_output("stance_over_time", "png"),
        csv=figure_output("stance_over_time", "csv"),
    params:
        style=figure_style("stance_over_time"),
        prefix=output_prefix,
        top_actors=config["stance"].get("top_actors", 8),
    log:
        "logs/figures/stance_over_time.log",
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope figure stance_over_time --input by_type={input.by_type:q} --input by_actor={input.by_actor:q} "
        "--input actors={input.actors:q} --top-actors {params.top_actors} "
        "--output-prefix {params.prefix:q} {params.style} 2> {log:q}"


rule figure_topic_prevalence:
    input:
        doc_topics=f"{TABLES}/doc_topics.parquet",
        documents=f"{INTERIM}/documents.parquet",
        topic_info=f"{TABLES}/topic_info.csv",
    output:
        pdf=figure_output("topic_prevalence", "pdf"),
        png=figure_output("topic_prevalence", "png"),
        csv=figure_output("topic_prevalence", "csv"),
    params:
        style=figure_style("topic_prevalence"),
        prefix=output_prefix,
        period=config["topics"].get("period", "year"),
    log:
        "logs/figures/topic_prevalence.log",
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope figure topic_prevalence --input doc_topics={input.doc_topics:q} --input documents={input.documents:q} "
        "--input topic_info={input.topic_info:q} --period {params.period} "
        "--output-prefix {params.prefix:q} {params.style} 2> {log:q}"


rule figure_topic_stance_heatmap:
    input:
        statements=f"{TABLES}/statements.parquet",
        doc_topics=f"{TABLES}/doc_topics.parquet",
        topic_info=f"{TABLES}/topic_info.csv",
    output:
        pdf=figure_output("topic_stance_heatmap", "pdf"),
        png=figure_output("topic_stance_heatmap", "png"),
        csv=figure_output("topic_stance_heatmap", "csv"),
    params:
        style=figure_style("topic_stance_heatmap"),
        prefix=output_prefix,
    log:
        "logs/figures/topic_stance_heatmap.log",
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope figure topic_stance_heatmap --input statements={input.statements:q} "
        "--input doc_topics={input.doc_topics:q} --input topic_info={input.topic_info:q} "
        "--output-prefix {params.prefix:q} {params.style} 2> {log:q}"


rule figure_stance_network:
    input:
        network=f"{NETWORKS}/stance.gexf",
    output:
        pdf=figure_output("stance_network", "pdf"),
        png=figure_output("stance_network", "png"),
        csv=figure_output("stance_network", "csv"),
    params:
        style=figure_style("stance_network"),
        prefix=output_prefix,
    log:
        "logs/figures/stance_network.log",
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope figure stance_network --input network={input.network:q} "
        "--output-prefix {params.prefix:q} {params.style} 2> {log:q}"


rule figure_stance_evaluation:
    input:
        metrics=f"{METRICS}/stance_eval.json",
    output:
        pdf=figure_output("stance_evaluation", "pdf"),
        png=figure_output("stance_evaluation", "png"),
        csv=figure_output("stance_evaluation", "csv"),
    params:
        style=figure_style("stance_evaluation"),
        prefix=output_prefix,
    log:
        "logs/figures/stance_evaluation.log",
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope figure stance_evaluation --input metrics={input.metrics:q} "
        "--output-prefix {params.prefix:q} {params.style} 2> {log:q}"


rule figure_topic_quality:
    input:
        topic_quality=f"{TABLES}/topic_quality.csv",
    output:
        pdf=figure_output("topic_quality", "pdf"),
        png=figure_output("topic_quality", "png"),
        csv=figure_output("topic_quality", "csv"),
    params:
        style=figure_style("topic_quality"),
        prefix=output_prefix,
    log:
        "logs/figures/topic_quality.log",
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope figure topic_quality --input topic_quality={input.topic_quality:q} "
        "--output-prefix {params.prefix:q} {params.style} 2> {log:q}"


rule run_info:
    input:
        outputs=final_outputs(),
        lock=LOCK_FILE,
        manifest=f"{RAW}/manifest.tsv",
        config_files=config_files(),
        inputs=input_files(),
    output:
        info=report(RUN_INFO, caption="../report/run_info.rst", category="Provenance"),
    params:
        # The configuration as resolved by Snakemake (config files merged with --config overrides).
        config=json.dumps(config, sort_keys=True, ensure_ascii=False),
    log:
        "logs/run_info/run_info.log",
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope runinfo --lock {input.lock:q} --manifest {input.manifest:q} --config-files {input.config_files:q} "
        "--config-json {params.config:q} --inputs {input.inputs:q} --outputs {input.outputs:q} "
        "--output {output.info:q} 2> {log:q}"
