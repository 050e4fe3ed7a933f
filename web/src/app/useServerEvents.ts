/**
 * Connects the event stream to the app: cached server data is invalidated as the event table says,
 * progress goes to the progress store, install jobs are patched in place, new images can take over the
 * viewer, and failures are announced.
 */
import { notifications } from "@mantine/notifications";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Schemas } from "@/api/client";
import { type EventOf, EventStream, eventsUrl, type ServerEvent } from "@/api/events";
import { keysToInvalidate } from "@/api/invalidation";
import { queryKeys } from "@/api/queryKeys";
import { useGalleryStore } from "@/features/gallery/store/galleryStore";
import { zipNotice } from "@/features/gallery/lib/zipProgress";
import { upsertJob } from "@/features/models/lib/jobs";
import { useProgressStore } from "@/features/progress/store/progressStore";
import { useUiStore } from "./uiStore";

function announce(event: ServerEvent): void {
  if (event.type === "queue_item_status_changed" && event.status === "failed") {
    notifications.show({
      color: "red",
      title: `Queue item ${event.item_id} failed`,
      message: event.error_message ?? event.error_type ?? "unknown error",
      autoClose: 10_000,
    });
  } else if (event.type === "install_job_changed" && event.job.state === "error") {
    notifications.show({ color: "red", title: "Install failed", message: event.job.error_message ?? event.job.source });
  } else if (event.type === "model_load_failed") {
    notifications.show({ color: "red", title: "A model could not be loaded", message: event.error_message });
  } else if (event.type === "zip_progress") {
    showZipProgress(event);
  }
}

const zipsShown = new Set<string>();

function showZipProgress(event: EventOf<"zip_progress">): void {
  const notice = zipNotice(event);
  if (zipsShown.has(notice.id)) notifications.update(notice);
  else notifications.show(notice);
  if (event.finished) zipsShown.delete(notice.id);
  else zipsShown.add(notice.id);
}

function followImages(event: ServerEvent): void {
  if (event.type === "images_deleted") useGalleryStore.getState().forget(event.image_names);
  if (event.type !== "image_added") return;
  const { image } = event;
  const gallery = useGalleryStore.getState();
  if (image.intermediate || image.origin !== "generated" || image.category !== "general") return;
  if (gallery.autoSwitch) gallery.focus(image.image_name);
}

const listeners = new Set<(event: ServerEvent) => void>();

/** Hears every server event (features loaded on demand, such as the canvas); returns the unsubscribe. */
export function onServerEvent(listener: (event: ServerEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function handleEvent(queryClient: QueryClient, event: ServerEvent): void {
  for (const queryKey of keysToInvalidate(event)) void queryClient.invalidateQueries({ queryKey });
  useProgressStore.getState().dispatch(event);
  if (event.type === "install_job_changed") {
    queryClient.setQueryData<Schemas["InstallJob"][]>(queryKeys.modelJobs, (jobs) => upsertJob(jobs, event.job));
  }
  followImages(event);
  announce(event);
  for (const listener of listeners) listener(event);
}

export function useServerEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const stream = new EventStream(eventsUrl(window.location));
    const offEvents = stream.subscribe((event) => handleEvent(queryClient, event));
    const offState = stream.onState((state, reconnected) => {
      useUiStore.getState().setConnection(state);
      if (reconnected) {
        useProgressStore.getState().reset();
        void queryClient.invalidateQueries();
      }
    });
    stream.start();
    return () => {
      offEvents();
      offState();
      stream.stop();
    };
  }, [queryClient]);
}
