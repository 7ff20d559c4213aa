# Collection (frozen raw snapshots + manifest) and extraction (documents table + rejects).


# Collection runs where the workflow is started: cluster compute nodes are often offline.
localrules:
    collect,


rule collect:
    input:
        sources=config["sources"],
        files=source_files,
    output:
        manifest=f"{RAW}/manifest.tsv",
    params:
        flags=collect_flags(),
        raw=output_dir,
    resources:
        http=1,
    log:
        "logs/collect/collect.log",
    benchmark:
        "benchmarks/collect/collect.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope collect --sources {input.sources:q} --raw-dir {params.raw:q} {params.flags} 2> {log:q}"


rule extract:
    input:
        manifest=f"{RAW}/manifest.tsv",
    output:
        documents=f"{INTERIM}/documents.parquet",
        rejects=report(f"{TABLES}/rejects.csv", caption="../report/table_rejects.rst", category="Tables", subcategory="Corpus"),
    params:
        raw=input_dir,
        comments="--include-comments" if config["extract"].get("include_comments") else "",
        threshold=config["extract"].get("near_duplicate_threshold", 0.8),
    threads: 2
    resources:
        mem_mb=1000,
    log:
        "logs/extract/extract.log",
    benchmark:
        "benchmarks/extract/extract.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope extract --raw-dir {params.raw:q} --output {output.documents:q} --rejects {output.rejects:q} "
        "--near-duplicates {params.threshold} {params.comments} --threads {threads} 2> {log:q}"
