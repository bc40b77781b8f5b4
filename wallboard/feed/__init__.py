"""The native feed v1: envelopes, decoding and validation of what backends send."""
