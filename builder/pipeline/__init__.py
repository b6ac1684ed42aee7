"""`policypack build` and `policypack merge`: every output of every school, rendered in parallel
and kept when unchanged.

pipeline (the build: resolve, check, plan, render, finish, swap in), base (the shape of a
builder and of the jobs it plans), builders (the list of builders, one per output kind), plan
(keys, fingerprints, the jobs of a school), workers (the worker processes and the scheduler),
manifest (what was built, read and written), merge (shards into one output), progress.
"""
