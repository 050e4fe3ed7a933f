"""Training tool for Impasto's bundled demo model.

The demo model is a tiny Stable-Diffusion-1.x-style text-to-image pipeline that the project trains from
scratch on synthetic "shapes" scenes, so that the studio can render something on any CPU without
downloading weights. Run ``python -m tools.demo_model --help`` for the subcommands.
"""
