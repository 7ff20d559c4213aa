# Embeddings per shard (cached), then one BERTopic fit with LDA/NMF baselines and quality metrics.


rule embed:
    input:
        documents=f"{INTERIM}/documents/shard_{{shard}}.parquet",
    output:
        embeddings="models/embeddings/shard_{shard}.npz",
    params:
        backend=config["topics"].get("backend", "minilm"),
        unit=config["topics"].get("unit", "chunk"),
        chunk_words=config["topics"].get("chunk_words", 120),
    threads: 1
    resources:
        mem_mb=2500,
    log:
        "logs/embed/{shard}.log",
    benchmark:
        "benchmarks/embed/{shard}.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope embed --documents {input.documents:q} "
        "--backend {params.backend:q} --unit {params.unit} --chunk-words {params.chunk_words} --threads {threads} "
        "--output {output.embeddings:q} 2> {log:q}"


rule doc_classes:
    input:
        statements=f"{TABLES}/statements.parquet",
        actors=config["actors"],
    output:
        classes=f"{TABLES}/doc_classes.csv",
    log:
        "logs/doc_classes/doc_classes.log",
    benchmark:
        "benchmarks/doc_classes/doc_classes.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope stance doc-classes --statements {input.statements:q} --actors {input.actors:q} "
        "--output {output.classes:q} 2> {log:q}"


rule topics:
    input:
        documents=f"{INTERIM}/documents.parquet",
        sentences=shard_files(f"{INTERIM}/nlp/sentences_{{shard}}.parquet"),
        embeddings=shard_files("models/embeddings/shard_{shard}.npz"),
        classes=f"{TABLES}/doc_classes.csv",
        labels=config.get("topic_labels", "config/topic_labels.yaml"),
    output:
        info=report(f"{TABLES}/topic_info.csv", caption="../report/table_topic_info.rst", category="Tables", subcategory="Topics"),
        doc_topics=f"{TABLES}/doc_topics.parquet",
        over_time=f"{TABLES}/topics_over_time.csv",
        by_class=f"{TABLES}/topics_by_class.csv",
        quality=report(f"{TABLES}/topic_quality.csv", caption="../report/table_topic_quality.rst", category="Tables", subcategory="Topics"),
        outliers=f"{TABLES}/outliers.json",
        fit=f"{TABLES}/topic_fit.json",
        unit_topics=f"{TABLES}/unit_topics.parquet",
        model="models/topics/bertopic.pickle",
        html=report(directory(f"{FIGURES}/interactive"), patterns=["{name}.html"], caption="../report/interactive.rst", category="Figures", subcategory="Interactive topic views"),
    params:
        out_dir=output_dir,
        seed=config["seed"],
        keep=KEEP_DUPLICATES,
        t=config["topics"],
        nr_topics=f"--nr-topics {config['topics']['nr_topics']}" if config["topics"].get("nr_topics") else "",
        fit_sample_size=config["topics"].get("fit_sample_size", 20000) or 0,
    threads: 2
    resources:
        mem_mb=4000,
    log:
        "logs/topics/topics.log",
    benchmark:
        "benchmarks/topics/topics.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope topics --documents {input.documents:q} --sentences {input.sentences:q} "
        "--embeddings {input.embeddings:q} --classes {input.classes:q} --labels {input.labels:q} "
        "--out-dir {params.out_dir:q} --models-dir models/topics --html-dir {output.html:q} "
        "--seed {params.seed} {params.keep} --n-neighbors {params.t[n_neighbors]} --n-components {params.t[n_components]} "
        "--min-cluster-size {params.t[min_cluster_size]} --cluster-selection {params.t[cluster_selection]} --ngram-min {params.t[ngram_min]} "
        "--ngram-max {params.t[ngram_max]} --min-df {params.t[min_df]} --top-n-words {params.t[top_n_words]} "
        "--period {params.t[period]} {params.nr_topics} --fit-sample-size {params.fit_sample_size} --threads {threads} 2> {log:q}"
