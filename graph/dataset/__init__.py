"""Datasets on disk: read a folder of YAML into a checked `Dataset`, every problem at once."""

from graph.dataset.build import relation_key
from graph.dataset.read import YAML_SUFFIXES, bundled_path, checked, dataset_files, load_dataset, read_dataset

__all__ = ["YAML_SUFFIXES", "bundled_path", "checked", "dataset_files", "load_dataset", "read_dataset", "relation_key"]
