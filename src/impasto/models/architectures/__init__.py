"""Network definitions that model loaders build from weights files, for models diffusers and transformers
do not define themselves."""
