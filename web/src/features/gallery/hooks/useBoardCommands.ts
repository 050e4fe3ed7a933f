/** Board commands; the board list refreshes from `board_changed` events. */
import { notifications } from "@mantine/notifications";
import { useMemo } from "react";
import { api, call } from "@/api/client";
import { describeError } from "@/api/errors";

function report(title: string) {
  return (error: unknown): null => {
    notifications.show({ color: "red", title, message: describeError(error) });
    return null;
  };
}

export function useBoardCommands() {
  return useMemo(
    () => ({
      create: (name: string) =>
        call(api.POST("/api/v1/boards", { body: { board_name: name } })).catch(report("Could not create the board")),
      rename: (boardId: string, name: string) =>
        call(
          api.PATCH("/api/v1/boards/{board_id}", {
            params: { path: { board_id: boardId } },
            body: { board_name: name },
          }),
        ).catch(report("Could not rename the board")),
      archive: (boardId: string, archived: boolean) =>
        call(
          api.PATCH("/api/v1/boards/{board_id}", { params: { path: { board_id: boardId } }, body: { archived } }),
        ).catch(report(archived ? "Could not archive the board" : "Could not restore the board")),
      setCover: (boardId: string, imageName: string | null) =>
        call(
          api.PATCH("/api/v1/boards/{board_id}", {
            params: { path: { board_id: boardId } },
            body: { cover_image_name: imageName },
          }),
        ).catch(report("Could not set the cover")),
      remove: (boardId: string, deleteImages: boolean) =>
        call(
          api.DELETE("/api/v1/boards/{board_id}", {
            params: { path: { board_id: boardId }, query: { delete_images: deleteImages } },
          }),
        ).catch(report("Could not delete the board")),
    }),
    [],
  );
}
