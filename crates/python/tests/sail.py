"""Starts Sail (a Spark Connect server without a JVM) on 127.0.0.1 with 2 workers."""

from __future__ import annotations

import os


def start_sail(workers: int = 2):
    """A running Sail server in local-cluster mode and a Spark session connected to it."""
    os.environ.update(
        SAIL_MODE="local-cluster",
        SAIL_CLUSTER__WORKER_INITIAL_COUNT=str(workers),
        SAIL_CLUSTER__WORKER_MAX_COUNT=str(workers),
        # Sail schedules a whole pipelined region at once: enough slots for it, while the
        # shuffles use `workers` partitions (the job's `partitions`).
        SAIL_CLUSTER__WORKER_TASK_SLOTS="16",
        SAIL_EXECUTION__DEFAULT_PARALLELISM=str(workers),
    )
    from pysail.spark import SparkConnectServer
    from pyspark.sql import SparkSession

    server = SparkConnectServer("127.0.0.1", 0)
    server.start(background=True)
    _, port = server.listening_address
    spark = SparkSession.builder.remote(f"sc://127.0.0.1:{port}").getOrCreate()
    return server, spark
