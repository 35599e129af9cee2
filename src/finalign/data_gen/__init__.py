"""data_gen: scenarios, the finance engine that grades them, and the synthetic preference pairs."""
