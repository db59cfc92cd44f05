"""Benchmarks and evaluations on the public data, run from the project root as modules:
`python -m bench.eval_tempeval`, `python -m bench.digest OUT`. Tests import what they share."""
