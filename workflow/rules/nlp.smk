# spaCy per shard (sentences, lemmas, mentions), then actor-level outputs.


wildcard_constraints:
    shard=r"\d+",


rule nlp:
    input:
        documents=f"{INTERIM}/documents/shard_{{shard}}.parquet",
        actors=config["actors"],
    output:
        sentences=f"{INTERIM}/nlp/sentences_{{shard}}.parquet",
        mentions=f"{INTERIM}/nlp/mentions_{{shard}}.parquet",
    params:
        models=model_args(config["nlp"]["models"]),
        batch=config["nlp"].get("batch_size", 32),
    threads: 1
    resources:
        mem_mb=2000,
    log:
        "logs/nlp/{shard}.log",
    benchmark:
        "benchmarks/nlp/{shard}.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope nlp --documents {input.documents:q} --actors {input.actors:q} "
        "{params.models} --batch-size {params.batch} --threads {threads} "
        "--sentences {output.sentences:q} --mentions {output.mentions:q} 2> {log:q}"


rule actors_report:
    input:
        sentences=shard_files(f"{INTERIM}/nlp/sentences_{{shard}}.parquet"),
        mentions=shard_files(f"{INTERIM}/nlp/mentions_{{shard}}.parquet"),
        documents=f"{INTERIM}/documents.parquet",
        actors=config["actors"],
    output:
        candidates=f"{TABLES}/actor_candidates.csv",
        gexf=f"{NETWORKS}/actors.gexf",
        graphml=f"{NETWORKS}/actors.graphml",
    params:
        keep=KEEP_DUPLICATES,
    resources:
        mem_mb=1000,
    log:
        "logs/actors_report/actors_report.log",
    benchmark:
        "benchmarks/actors_report/actors_report.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope actors-report --sentences {input.sentences:q} --mentions {input.mentions:q} "
        "--documents {input.documents:q} --actors {input.actors:q} --candidates {output.candidates:q} "
        "--gexf {output.gexf:q} --graphml {output.graphml:q} {params.keep} 2> {log:q}"


rule actors_eval:
    input:
        gold=config["annotations"]["actors_gold"],
        actors=config["actors"],
    output:
        metrics=f"{METRICS}/actors_eval.json",
    params:
        models=model_args(config["nlp"]["models"]),
    log:
        "logs/actors_eval/actors_eval.log",
    benchmark:
        "benchmarks/actors_eval/actors_eval.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope actors-eval --gold {input.gold:q} --actors {input.actors:q} {params.models} "
        "--output {output.metrics:q} 2> {log:q}"
