"""eval_harness: generate answers, score them against the scenario numbers, and compare models with paired statistics."""
