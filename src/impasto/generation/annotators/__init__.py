"""Learned ControlNet preprocessors ("annotators"): running their networks on images and turning the
output into control images.

The networks and how a file becomes one live with the models (:mod:`impasto.models.architectures.annotators`);
here, one module per family holds the pre- and post-processing the ControlNet models were trained with:

- :mod:`.depth`: depth maps from transformers' depth estimators, and normal maps from depth
- :mod:`.hed`: HED soft edges, with scribble and safe modes
- :mod:`.lineart`: line art (and its coarse variant)
- :mod:`.lineart_anime`: anime line art
- :mod:`.pidinet`: PiDiNet soft edges
- :mod:`.mlsd`: M-LSD straight lines
- :mod:`.openpose`: OpenPose body and hand keypoints, assembled into people (:mod:`.pose`) and drawn in
  the colours the OpenPose ControlNets expect
"""
