"""The denoise node: the heart of text to image, image to image, inpainting and the refiner hand-off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from impasto.graph import NodeContext, node
from impasto.graph.forecast import Forecast, ForecastInputs, Pass, PassKind
from impasto.nodes.latents import LatentsOutput, latents_output, step_hooks
from impasto.nodes.refs import ControlField, DenoiseMaskField, IPAdapterField, T2IAdapterField
from impasto.nodes.sd.denoise_inputs import (
    DenoiseScheduleInputs,
    DenoiseStartInputs,
    adapter_spec,
    as_units,
    connection,
    control_spec,
    inpaint_inputs,
    ip_adapter_spec,
    load_conditionings,
    start_seed,
    unet_spec,
)

if TYPE_CHECKING:
    from impasto.generation.sd.specs import DenoiseRequest


@node("denoise_latents", title="Denoise Latents", category="latents", tags=("latents", "denoise", "generate"))
class DenoiseLatentsNode(DenoiseScheduleInputs, DenoiseStartInputs):
    """Turns noise into an image's latents, guided by the prompts (and ControlNets, T2I-Adapters and
    IP-Adapters' reference images).

    Text to image: connect noise. Image to image: connect the image's latents and noise, and set
    denoising_start to 1 - strength. Inpainting: add a denoise mask. Refiner hand-off: end the base run at
    denoising_end = x and continue its latents in the refiner from denoising_start = x, without noise.
    Regional prompts: connect several prompts, those with a mask each conditioning its own region.
    """

    denoise_mask: DenoiseMaskField | None = connection("Where to regenerate (inpainting).", optional=True)
    control: ControlField | list[ControlField] | None = connection("ControlNet unit(s).", optional=True)
    t2i_adapter: T2IAdapterField | list[T2IAdapterField] | None = connection(
        "T2I-Adapter unit(s).", optional=True
    )
    ip_adapter: IPAdapterField | list[IPAdapterField] | None = connection(
        "IP-Adapter unit(s): reference images.", optional=True
    )

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        extent = inputs.extent("noise") or inputs.extent("latents")
        if extent is None:
            return Forecast()
        return Forecast(extent, (Pass(PassKind.DENOISE, extent, inputs.node_id),))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.sd.denoise import run_denoise

        ctx.raise_if_canceled()
        request = self._request(ctx)
        start = request.latents if request.latents is not None else request.noise
        self.check_pass_size(ctx, start, None, "denoise")
        latents = run_denoise(ctx.models, request, step_hooks(ctx))
        return latents_output(ctx, latents, self.latent_factor, seed=request.settings.seed)

    def _request(self, ctx: NodeContext) -> DenoiseRequest:
        from impasto.generation.sd.specs import DenoiseRequest

        noise, latents = self.start_tensors(ctx)
        return DenoiseRequest(
            unet=unet_spec(self.unet),
            positive=load_conditionings(ctx, self.positive_conditioning, "positive"),
            negative=load_conditionings(ctx, self.negative_conditioning, "negative"),
            scheduler=self.scheduler,
            settings=self.settings(start_seed(self.noise, self.latents)),
            noise=noise,
            latents=latents,
            inpaint=inpaint_inputs(ctx, self.denoise_mask),
            controlnets=[control_spec(ctx, unit) for unit in as_units(self.control)],
            adapters=[adapter_spec(ctx, unit) for unit in as_units(self.t2i_adapter)],
            ip_adapters=[ip_adapter_spec(ctx, unit) for unit in as_units(self.ip_adapter)],
        )
