"""Running Veil as a fleet: the loopback replica rig (HAProxy, Redis, Sentinel) and its load
generator, used by ``veil bench scale`` / ``veil bench replicas`` and the replica tests."""
