# Stance: train and evaluate both methods, build statements, aggregate with bootstrap CIs.


rule stance_train:
    input:
        train=config["annotations"]["train"],
        test=config["annotations"]["test"],
        lexicon=config["stance_lexicon"],
    output:
        model="models/stance/model.joblib",
        card="models/stance/model_card.json",
        metrics=f"{METRICS}/stance_eval.json",
        errors=f"{TABLES}/stance_errors.csv",
    params:
        model_dir=output_dir,
        seed=config["seed"],
        folds=config["stance"].get("cv_folds", 5),
        n_boot=config["stance"].get("n_bootstrap", 1000),
    log:
        "logs/stance_train/stance_train.log",
    benchmark:
        "benchmarks/stance_train/stance_train.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope stance train --train {input.train:q} --test {input.test:q} --lexicon {input.lexicon:q} "
        "--model-dir {params.model_dir:q} --metrics {output.metrics:q} --errors {output.errors:q} --seed {params.seed} "
        "--cv-folds {params.folds} --n-bootstrap {params.n_boot} 2> {log:q}"


rule stance_apply:
    input:
        sentences=shard_files(f"{INTERIM}/nlp/sentences_{{shard}}.parquet"),
        mentions=shard_files(f"{INTERIM}/nlp/mentions_{{shard}}.parquet"),
        documents=f"{INTERIM}/documents.parquet",
        actors=config["actors"],
        lexicon=config["stance_lexicon"],
        model="models/stance/model.joblib",
        card="models/stance/model_card.json",
    output:
        statements=f"{TABLES}/statements.parquet",
        csv=report(f"{TABLES}/statements.csv", caption="../report/table_statements.rst", category="Tables", subcategory="Stance"),
    params:
        method=config["stance"].get("method", "auto"),
        model_dir=model_dir_of_input,
        keep=KEEP_DUPLICATES,
    resources:
        mem_mb=1000,
    log:
        "logs/stance_apply/stance_apply.log",
    benchmark:
        "benchmarks/stance_apply/stance_apply.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope stance apply --sentences {input.sentences:q} --mentions {input.mentions:q} "
        "--documents {input.documents:q} --actors {input.actors:q} --lexicon {input.lexicon:q} "
        "--model-dir {params.model_dir:q} --method {params.method} --output {output.statements:q} --csv {output.csv:q} {params.keep} 2> {log:q}"


rule stance_aggregate:
    input:
        statements=f"{TABLES}/statements.parquet",
        actors=config["actors"],
    output:
        by_actor=report(f"{TABLES}/stance_by_actor_period.csv", caption="../report/table_stance_by_actor_period.rst", category="Tables", subcategory="Stance"),
        by_type=report(f"{TABLES}/stance_by_type_period.csv", caption="../report/table_stance_by_type_period.rst", category="Tables", subcategory="Stance"),
        network=f"{NETWORKS}/stance.gexf",
    params:
        period=config["stance"].get("period", "year"),
        n_boot=config["stance"].get("n_bootstrap", 1000),
        seed=config["seed"],
    log:
        "logs/stance_aggregate/stance_aggregate.log",
    benchmark:
        "benchmarks/stance_aggregate/stance_aggregate.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope stance aggregate --statements {input.statements:q} --actors {input.actors:q} --period {params.period} "
        "--n-bootstrap {params.n_boot} --seed {params.seed} --by-actor {output.by_actor:q} --by-type {output.by_type:q} "
        "--network {output.network:q} 2> {log:q}"
