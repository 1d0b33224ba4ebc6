"""The durable-rules backend: ``backend`` (what the engine calls), ``plan`` (a plan as Rete rules,
packed into shards), ``host`` (the live rulesets; the only module that imports durable) and
``limits`` (the C core's limits, each with its source). Importing this package imports nothing of
durable-rules: ``pact.backends`` imports ``backend`` only when the durable backend is asked for."""
