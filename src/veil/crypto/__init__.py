"""Cryptographic inference: secret-shared MPC with SPU (:mod:`.mpc`, run in its own environment,
``make crypto-env``) and homomorphic encryption with TenSEAL (``he*`` modules).

Nothing heavy is imported here: each mode imports its backend when it is used.
"""
