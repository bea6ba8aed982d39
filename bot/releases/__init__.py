"""New releases: GOV.UK downloads, reading and merging an update, reloading a running bot,
and the alerts it sends. Above the core: the core never imports this package
(tests/test_layers.py); the adapters and the command line do."""
