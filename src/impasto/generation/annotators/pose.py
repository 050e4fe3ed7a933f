"""From OpenPose's maps to people, and people to the control image the OpenPose ControlNets were trained on.

Keypoints are the local maxima of each (smoothed) heat map. Limbs are scored by integrating the part
affinity field along the segment between two candidate keypoints: the field should point from one to the
other all along it. Limbs are matched greedily, strongest first, each keypoint used once per limb type,
and joined into people through their shared keypoints; people with fewer than 4 keypoints, or a low mean
score, are dropped. The 18 keypoints are in the COCO order OpenPose uses (nose, neck, right shoulder,
elbow, wrist, left shoulder, elbow, wrist, right hip, knee, ankle, left hip, knee, ankle, right eye, left
eye, right ear, left ear).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Array = NDArray[Any]

BODY_PARTS = 18
HAND_PARTS = 21
LIMBS = (
    (1, 2), (1, 5), (2, 3), (3, 4), (5, 6), (6, 7), (1, 8), (8, 9), (9, 10), (1, 11),
    (11, 12), (12, 13), (1, 0), (0, 14), (14, 16), (0, 15), (15, 17), (2, 16), (5, 17),
)  # fmt: skip
"""Keypoint pairs joined by a part affinity field; the last two (ear to shoulder) are not drawn."""
LIMB_FIELDS = (
    (12, 13), (20, 21), (14, 15), (16, 17), (22, 23), (24, 25), (0, 1), (2, 3), (4, 5), (6, 7),
    (8, 9), (10, 11), (28, 29), (30, 31), (34, 35), (32, 33), (36, 37), (18, 19), (26, 27),
)  # fmt: skip
"""The (x, y) channels of each limb's part affinity field."""
DRAWN_LIMBS = 17
COLORS = (
    (255, 0, 0), (255, 85, 0), (255, 170, 0), (255, 255, 0), (170, 255, 0), (85, 255, 0), (0, 255, 0),
    (0, 255, 85), (0, 255, 170), (0, 255, 255), (0, 170, 255), (0, 85, 255), (0, 0, 255), (85, 0, 255),
    (170, 0, 255), (255, 0, 255), (255, 0, 170), (255, 0, 85),
)  # fmt: skip
"""RGB colour of each limb (and keypoint) in the control image."""
HAND_BONES = tuple((0 if i % 4 == 0 else i, i + 1) for i in range(20))
"""Wrist to each finger's base, then along each finger (20 bones over the 21 hand keypoints)."""

PEAK_THRESHOLD = 0.1
FIELD_THRESHOLD = 0.05
HAND_THRESHOLD = 0.05
_SAMPLES = 10
_MIN_PARTS = 4
_MIN_MEAN_SCORE = 0.4
_STICK_WIDTH = 4
_RADIUS = 4
_MIN_HAND_BOX = 20


Keypoint = tuple[float, float, float]
"""x, y and the heat map's value there."""


@dataclass
class Person:
    """One assembled person: the keypoint (x, y, score) of each part, or None."""

    parts: list[Keypoint | None] = field(default_factory=lambda: [None] * BODY_PARTS)
    score: float = 0.0

    def count(self) -> int:
        return sum(part is not None for part in self.parts)


def smooth(heatmap: Array) -> Array:
    """A Gaussian blur of sigma 3 with mirrored borders (what the reference decoder smooths with)."""
    blurred: Array = cv2.GaussianBlur(heatmap.astype(np.float32), (25, 25), 3, borderType=cv2.BORDER_REFLECT)
    return blurred


def find_peaks(heatmap: Array, threshold: float = PEAK_THRESHOLD) -> Array:
    """(N, 3) local maxima (x, y, score) of a heat map above ``threshold``, scored on the raw map."""
    smoothed = smooth(heatmap)
    padded = np.pad(smoothed, 1, constant_values=0)
    peak = smoothed > threshold
    for dy, dx in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        peak &= smoothed >= padded[1 + dy : padded.shape[0] - 1 + dy, 1 + dx : padded.shape[1] - 1 + dx]
    ys, xs = np.nonzero(peak)
    return np.stack([xs, ys, heatmap[ys, xs]], axis=1).astype(np.float32)


def _limb_scores(start: Array, end: Array, field_x: Array, field_y: Array, height: int) -> Array:
    """(len(start), len(end)) scores of every start-end pair; NaN for pairs that are no limb."""
    vectors = end[None, :, :2] - start[:, None, :2]  # (A, B, 2)
    lengths = np.maximum(np.linalg.norm(vectors, axis=2), 1e-3)
    units = vectors / lengths[..., None]
    steps = np.linspace(0.0, 1.0, _SAMPLES)[None, None, :, None]
    points = np.rint(start[:, None, None, :2] + steps * vectors[:, :, None, :]).astype(int)  # (A, B, S, 2)
    along = field_x[points[..., 1], points[..., 0]] * units[:, :, None, 0]
    along += field_y[points[..., 1], points[..., 0]] * units[:, :, None, 1]
    scores = along.mean(axis=2) + np.minimum(0.5 * height / lengths - 1, 0)
    aligned = (along > FIELD_THRESHOLD).sum(axis=2) > 0.8 * _SAMPLES
    return np.where(aligned & (scores > 0), scores, np.nan)


def _match(scores: Array) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) taken strongest first, each i and j at most once."""
    pairs: list[tuple[int, int, float]] = []
    used_i: set[int] = set()
    used_j: set[int] = set()
    order = np.argsort(-np.nan_to_num(scores, nan=-np.inf), axis=None)
    for flat in order:
        i, j = divmod(int(flat), scores.shape[1])
        if np.isnan(scores[i, j]) or len(pairs) >= min(scores.shape):
            break
        if i not in used_i and j not in used_j:
            pairs.append((i, j, float(scores[i, j])))
            used_i.add(i)
            used_j.add(j)
    return pairs


def find_people(heatmaps: Array, pafs: Array, height: int) -> list[Person]:
    """People from (H, W, 19) heat maps and (H, W, 38) part affinity fields of an image ``height`` high."""
    peaks = [find_peaks(heatmaps[:, :, part]) for part in range(BODY_PARTS)]
    people: list[Person] = []
    for limb, (a, b) in enumerate(LIMBS):
        if not len(peaks[a]) or not len(peaks[b]):
            continue
        fx, fy = LIMB_FIELDS[limb]
        scores = _limb_scores(peaks[a], peaks[b], pafs[:, :, fx], pafs[:, :, fy], height)
        for i, j, score in _match(scores):
            _attach(people, limb, _keypoint(peaks[a][i]), _keypoint(peaks[b][j]), score)
    return [p for p in people if p.count() >= _MIN_PARTS and p.score / p.count() >= _MIN_MEAN_SCORE]


def _keypoint(peak: Array) -> Keypoint:
    return float(peak[0]), float(peak[1]), float(peak[2])


def _attach(people: list[Person], limb: int, start: Keypoint, end: Keypoint, score: float) -> None:
    """Add a limb to the person holding either keypoint, merge two people it joins, or start one."""
    a, b = LIMBS[limb]
    owners = [p for p in people if p.parts[a] == start or p.parts[b] == end]
    if len(owners) == 2 and not any(x and y for x, y in zip(owners[0].parts, owners[1].parts, strict=True)):
        first, second = owners
        first.parts = [x or y for x, y in zip(first.parts, second.parts, strict=True)]
        first.score += second.score + score
        people.remove(second)
    elif owners:
        person = owners[0]
        if person.parts[b] != end:
            person.parts[b] = end
            person.score += end[2] + score
    elif limb < DRAWN_LIMBS:  # the ear-shoulder fields only confirm people found through other limbs
        person = Person(score=start[2] + end[2] + score)
        person.parts[a], person.parts[b] = start, end
        people.append(person)


def draw_bodies(canvas: Array, people: list[Person]) -> Array:
    """Limbs as filled ellipses (at 60 % of their colour) and keypoints as dots, on ``canvas``."""
    for limb, (a, b) in enumerate(LIMBS[:DRAWN_LIMBS]):
        for person in people:
            start, end = person.parts[a], person.parts[b]
            if start is None or end is None:
                continue
            centre = (int((start[0] + end[0]) / 2), int((start[1] + end[1]) / 2))
            length = math.hypot(start[0] - end[0], start[1] - end[1])
            angle = math.degrees(math.atan2(start[1] - end[1], start[0] - end[0]))
            polygon = cv2.ellipse2Poly(centre, (int(length / 2), _STICK_WIDTH), int(angle), 0, 360, 1)
            cv2.fillConvexPoly(canvas, np.asarray(polygon), COLORS[limb])
    canvas = (canvas * 0.6).astype(np.uint8)
    for part in range(BODY_PARTS):
        for person in people:
            point = person.parts[part]
            if point is not None:
                cv2.circle(canvas, (int(point[0]), int(point[1])), _RADIUS, COLORS[part], thickness=-1)
    return canvas


def hand_boxes(people: list[Person], height: int, width: int) -> list[tuple[int, int, int]]:
    """Square boxes (x, y, side) around each hand, extrapolated from the elbow through the wrist."""
    boxes = []
    for person in people:
        for shoulder, elbow, wrist in ((5, 6, 7), (2, 3, 4)):
            joints = [person.parts[shoulder], person.parts[elbow], person.parts[wrist]]
            if None in joints:
                continue
            (x1, y1, _), (x2, y2, _), (x3, y3, _) = (joint for joint in joints if joint is not None)
            side = 1.5 * max(math.hypot(x3 - x2, y3 - y2), 0.9 * math.hypot(x2 - x1, y2 - y1))
            left = max(0.0, x3 + 0.33 * (x3 - x2) - side / 2)
            top = max(0.0, y3 + 0.33 * (y3 - y2) - side / 2)
            side = min(side, width - left, height - top)
            if side >= _MIN_HAND_BOX:
                boxes.append((int(left), int(top), int(side)))
    return boxes


def hand_keypoints(heatmaps: Array) -> Array:
    """(21, 2) keypoints (x, y) from a hand's (side, side, 22) heat maps: the maximum of the strongest
    region above the threshold; NaN where a keypoint has none."""
    points = np.full((HAND_PARTS, 2), np.nan, dtype=np.float32)
    for part in range(HAND_PARTS):
        raw = heatmaps[:, :, part]
        above = (smooth(raw) > HAND_THRESHOLD).astype(np.uint8)
        regions, labels = cv2.connectedComponents(above, connectivity=8)
        if regions < 2:
            continue
        sums = np.bincount(labels.ravel(), weights=raw.ravel(), minlength=regions)[1:]
        strongest = np.where(labels == 1 + int(np.argmax(sums)), raw, -np.inf)
        y, x = np.unravel_index(int(np.argmax(strongest)), raw.shape)
        points[part] = (x, y)
    return points


def draw_hands(canvas: Array, hands: list[Array]) -> Array:
    """Each hand's bones in rainbow colours and its keypoints as blue dots, on ``canvas``."""
    for keypoints in hands:
        for bone, (a, b) in enumerate(HAND_BONES):
            if np.isnan(keypoints[[a, b]]).any():
                continue
            hue = np.array([[[round(180 * bone / len(HAND_BONES)), 255, 255]]], dtype=np.uint8)
            color = tuple(int(c) for c in cv2.cvtColor(hue, cv2.COLOR_HSV2RGB)[0, 0])
            start, end = keypoints[a].astype(int), keypoints[b].astype(int)
            cv2.line(canvas, (int(start[0]), int(start[1])), (int(end[0]), int(end[1])), color, 2)
        for point in keypoints[~np.isnan(keypoints).any(axis=1)]:
            cv2.circle(canvas, (int(point[0]), int(point[1])), _RADIUS, (0, 0, 255), thickness=-1)
    return canvas
