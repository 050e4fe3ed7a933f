/**
 * Progress of large ZIP downloads. The server streams a ZIP while it reads the images, and the browser
 * shows nothing until the last byte has arrived, so a board of thousands of images would look stuck: the
 * server's `zip_progress` events (sent for large downloads only) drive one notification per download.
 */
import type { EventOf } from "@/api/events";

type ZipProgress = EventOf<"zip_progress">;

// a type literal, not an interface, so that it fits Mantine's NotificationData (index signature)
export type ZipNotice = {
  id: string;
  title: string;
  message: string;
  loading: boolean;
  autoClose: number | false;
  withCloseButton: boolean;
};

/** The notification for one `zip_progress` event; the same id for every event of a download. */
export function zipNotice(event: ZipProgress): ZipNotice {
  const images = `${event.total} image${event.total === 1 ? "" : "s"}`;
  if (event.finished) {
    return {
      id: `zip-${event.zip_id}`,
      title: "ZIP ready",
      message: `${images} packed; the browser saves the file now.`,
      loading: false,
      autoClose: 4000,
      withCloseButton: true,
    };
  }
  const percent = event.total > 0 ? Math.floor((100 * event.done) / event.total) : 0;
  return {
    id: `zip-${event.zip_id}`,
    title: "Preparing ZIP",
    message: `${event.done} of ${images} (${percent}%)`,
    loading: true,
    autoClose: false,
    withCloseButton: false,
  };
}
