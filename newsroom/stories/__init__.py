"""Story texts of the demo newsroom, one module per outlet and desk (all fictional)."""
