"""Adapters that run a pipeline on other engines (Ray Data, Hugging Face datasets, Dask)."""
