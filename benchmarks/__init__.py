"""Speed and memory benchmarks for dealscope, with a synthetic article generator (not part of the package)."""
