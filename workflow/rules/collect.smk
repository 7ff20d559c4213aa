# Collection (frozen raw snapshots + manifest), extraction per shard, then duplicates across the corpus.


# Collection runs where the workflow is started: cluster compute nodes are often offline.
localrules:
    collect,


# A checkpoint: which shards exist is known only once the manifest is written. Each document keeps the
# shard it was first given (manifest column `shard`), so new documents fill new shards and the jobs of
# the others stay done. update(): Snakemake must not delete the manifest before the job, which reads it to
# keep every document's shard and to skip what is already frozen.
checkpoint collect:
    input:
        sources=config["sources"],
        files=source_files,
    output:
        manifest=update(f"{RAW}/manifest.tsv"),
    params:
        flags=collect_flags(),
        raw=output_dir,
        # changes once per day/week/month with collect.recheck_listings, so feeds and sitemaps are read again
        recheck=listing_recheck(),
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
        # ancient: a new manifest does not by itself re-run every shard; the digest of this shard's rows does
        manifest=ancient(f"{RAW}/manifest.tsv"),
    output:
        documents=f"{INTERIM}/documents/shard_{{shard}}.parquet",
        rejects=f"{INTERIM}/documents/rejects_{{shard}}.csv",
    params:
        rows=shard_digest,
        raw=input_dir,
        comments="--include-comments" if config["extract"].get("include_comments") else "",
    threads: 1
    resources:
        mem_mb=1000,
    log:
        "logs/extract/{shard}.log",
    benchmark:
        "benchmarks/extract/{shard}.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope extract --raw-dir {params.raw:q} --shard {wildcards.shard} --output {output.documents:q} "
        "--rejects {output.rejects:q} {params.comments} --threads {threads} 2> {log:q}"


rule dedup:
    input:
        documents=shard_files(f"{INTERIM}/documents/shard_{{shard}}.parquet"),
        rejects=shard_files(f"{INTERIM}/documents/rejects_{{shard}}.csv"),
    output:
        documents=f"{INTERIM}/documents.parquet",
        rejects=report(f"{TABLES}/rejects.csv", caption="../report/table_rejects.rst", category="Tables", subcategory="Corpus"),
    params:
        threshold=config["extract"].get("near_duplicate_threshold", 0.8),
    resources:
        mem_mb=2000,
    log:
        "logs/dedup/dedup.log",
    benchmark:
        "benchmarks/dedup/dedup.tsv"
    conda:
        "../envs/civicscope.yaml"
    shell:
        "civicscope dedup --documents {input.documents:q} --shard-rejects {input.rejects:q} "
        "--near-duplicates {params.threshold} --output {output.documents:q} --rejects {output.rejects:q} 2> {log:q}"
