// Generated from the server's OpenAPI document by `npm run api:types`; do not edit by hand.
// `npm run api:check` (part of `make test`) fails when this file no longer matches the server.

export interface paths {
    "/api/v1/boards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Boards with their counts and covers */
        get: operations["list_boards_api_v1_boards_get"];
        put?: never;
        /** Create a board */
        post: operations["create_board_api_v1_boards_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boards/{board_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One board ('none': Uncategorized) */
        get: operations["get_board_api_v1_boards__board_id__get"];
        put?: never;
        post?: never;
        /** Delete a board */
        delete: operations["delete_board_api_v1_boards__board_id__delete"];
        options?: never;
        head?: never;
        /** Rename, archive or set the cover */
        patch: operations["update_board_api_v1_boards__board_id__patch"];
        trace?: never;
    };
    "/api/v1/boards/{board_id}/image_names": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Names of a board's images, newest first (for virtualized lists) */
        get: operations["board_image_names_api_v1_boards__board_id__image_names_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/canvas/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One canvas's document */
        get: operations["get_canvas_api_v1_canvas__name__get"];
        /**
         * Store a canvas's document (create or replace)
         * @description The document is stored as sent; over 1 MiB of JSON is refused (422) with its size.
         */
        put: operations["put_canvas_api_v1_canvas__name__put"];
        post?: never;
        /** Delete a canvas (its images stay) */
        delete: operations["delete_canvas_api_v1_canvas__name__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The effective configuration */
        get: operations["config_api_v1_config_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every event the WebSocket sends */
        get: operations["list_event_types_api_v1_events_types_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Generate images from flat parameters */
        post: operations["generate_api_v1_generate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/graph": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The graph and batch data of a request, not enqueued */
        post: operations["generate_graph_api_v1_generate_graph_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/graphs/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a graph without running it */
        post: operations["validate_graph_api_v1_graphs_validate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is the server up? */
        get: operations["health_api_v1_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List images, newest first */
        get: operations["list_images_api_v1_images_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/{image_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One image's record */
        get: operations["get_image_api_v1_images__image_name__get"];
        put?: never;
        post?: never;
        /** Delete an image */
        delete: operations["delete_image_api_v1_images__image_name__delete"];
        options?: never;
        head?: never;
        /** Star, recategorize or move an image */
        patch: operations["update_image_api_v1_images__image_name__patch"];
        trace?: never;
    };
    "/api/v1/images/{image_name}/full": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The image file (PNG) */
        get: operations["full_api_v1_images__image_name__full_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/{image_name}/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Raw metadata and recall */
        get: operations["metadata_api_v1_images__image_name__metadata_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/{image_name}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The image's thumbnail (WebP) */
        get: operations["thumbnail_api_v1_images__image_name__thumbnail_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete several images */
        post: operations["delete_many_api_v1_images_delete_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Download images as a ZIP (streamed)
         * @description Every file is checked before the first byte is sent; progress events carry the zip id header.
         */
        post: operations["download_api_v1_images_download_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/intermediates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete every intermediate image
         * @description Images that running items made and images that waiting items' graphs name are kept, so no
         *     generation in progress or in the queue is broken; so are the layer bitmaps that canvases name.
         */
        delete: operations["clear_intermediates_api_v1_images_intermediates_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move several images to a board (or to none) */
        post: operations["move_api_v1_images_move_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/names": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Names of every matching image, in list order */
        get: operations["list_names_api_v1_images_names_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/star": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Star several images */
        post: operations["star_api_v1_images_star_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/unstar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unstar several images */
        post: operations["unstar_api_v1_images_unstar_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/images/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a PNG, JPEG or WebP */
        post: operations["upload_api_v1_images_upload_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/metadata/parse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recall parameters from an image file
         * @description Reads Impasto, InvokeAI, AUTOMATIC1111/Forge and ComfyUI metadata; the file is not kept.
         */
        post: operations["parse_api_v1_metadata_parse_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List installed models */
        get: operations["list_models_api_v1_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One installed model */
        get: operations["get_model_api_v1_models__key__get"];
        put?: never;
        post?: never;
        /** Remove a model (files only if Impasto owns them) */
        delete: operations["delete_model_api_v1_models__key__delete"];
        options?: never;
        head?: never;
        /** Change a model's name, settings or corrections */
        patch: operations["update_model_api_v1_models__key__patch"];
        trace?: never;
    };
    "/api/v1/models/{key}/reidentify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Identify a model's files again */
        post: operations["reidentify_model_api_v1_models__key__reidentify_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/cache": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Model cache budgets, usage and counters */
        get: operations["cache_stats_api_v1_models_cache_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/cache/empty": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unload every cached model not in use */
        post: operations["cache_empty_api_v1_models_cache_empty_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start an install */
        post: operations["install_api_v1_models_install_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Install jobs, newest first */
        get: operations["list_jobs_api_v1_models_jobs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One install job */
        get: operations["get_job_api_v1_models_jobs__job_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/jobs/{job_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an install job */
        post: operations["cancel_job_api_v1_models_jobs__job_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/jobs/prune": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Forget finished install jobs */
        post: operations["prune_jobs_api_v1_models_jobs_prune_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/scan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** List and identify the models below a folder */
        post: operations["scan_api_v1_models_scan_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/scan/install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Install models found by a scan */
        post: operations["install_scanned_api_v1_models_scan_install_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/starters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Starter models and whether installed */
        get: operations["starters_api_v1_models_starters_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/starters/install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Install starter models (and their dependencies) */
        post: operations["install_starters_api_v1_models_starters_install_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every node type with its input and output schemas */
        get: operations["list_nodes_api_v1_nodes_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{node_type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One node type */
        get: operations["get_node_api_v1_nodes__node_type__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/packs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Custom node packs and their status */
        get: operations["list_packs_api_v1_nodes_packs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/packs/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a node pack's files */
        delete: operations["uninstall_api_v1_nodes_packs__name__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/packs/git": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Install a node pack from a git repository (runs its code at the next reload) */
        post: operations["install_git_api_v1_nodes_packs_git_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/packs/reload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Load the node packs again without a restart */
        post: operations["reload_packs_api_v1_nodes_packs_reload_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/packs/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Custom node packs, and those awaiting a reload */
        get: operations["pack_status_api_v1_nodes_packs_status_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/packs/zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Install a node pack from a zip file (runs its code at the next reload) */
        post: operations["install_zip_api_v1_nodes_packs_zip_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompts/dynamic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a dynamic prompt's expansions
         * @description A template with an error is answered normally, with ``error`` set, so that an editor can show it
         *     while the user types.
         */
        post: operations["preview_dynamic_prompt_api_v1_prompts_dynamic_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompts/wildcards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Wildcard files dynamic prompts can use */
        get: operations["list_wildcards_api_v1_prompts_wildcards_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/batches/{batch_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel every item of a batch */
        post: operations["cancel_batch_api_v1_queue_batches__batch_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel several items */
        post: operations["cancel_items_api_v1_queue_cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/cancel_all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel every pending and running item */
        post: operations["cancel_all_api_v1_queue_cancel_all_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/clear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel the running item and delete all items */
        post: operations["clear_api_v1_queue_clear_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/enqueue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a batch to the queue */
        post: operations["enqueue_api_v1_queue_enqueue_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List queue items */
        get: operations["list_items_api_v1_queue_items_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/items/{item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One queue item with its results */
        get: operations["get_item_api_v1_queue_items__item_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/items/{item_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel one item */
        post: operations["cancel_item_api_v1_queue_items__item_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/items/{item_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry one failed or canceled item */
        post: operations["retry_item_api_v1_queue_items__item_id__retry_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause the worker after the running item */
        post: operations["pause_api_v1_queue_pause_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/prune": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete finished items */
        post: operations["prune_api_v1_queue_prune_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume the worker */
        post: operations["resume_api_v1_queue_resume_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry several failed or canceled items */
        post: operations["retry_items_api_v1_queue_retry_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts and worker state */
        get: operations["status_api_v1_queue_status_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/style_presets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List style presets */
        get: operations["list_presets_api_v1_style_presets_get"];
        put?: never;
        /** Create a preset */
        post: operations["create_preset_api_v1_style_presets_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/style_presets/{preset_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One style preset */
        get: operations["get_preset_api_v1_style_presets__preset_id__get"];
        put?: never;
        post?: never;
        /** Delete a user preset */
        delete: operations["delete_preset_api_v1_style_presets__preset_id__delete"];
        options?: never;
        head?: never;
        /** Change a user preset */
        patch: operations["update_preset_api_v1_style_presets__preset_id__patch"];
        trace?: never;
    };
    "/api/v1/style_presets/{preset_id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Style a prompt with a preset */
        post: operations["apply_preset_api_v1_style_presets__preset_id__apply_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/style_presets/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user presets as JSON */
        get: operations["export_presets_api_v1_style_presets_export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/style_presets/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create presets from an export */
        post: operations["import_presets_api_v1_style_presets_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/upscale": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upscale a stored image with an upscaler model */
        post: operations["upscale_api_v1_upscale_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List workflows (search, filter, sort, page) */
        get: operations["list_workflows_api_v1_workflows_get"];
        put?: never;
        /** Save a workflow */
        post: operations["create_workflow_api_v1_workflows_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open a workflow */
        get: operations["get_workflow_api_v1_workflows__workflow_id__get"];
        put?: never;
        post?: never;
        /** Delete a user workflow */
        delete: operations["delete_workflow_api_v1_workflows__workflow_id__delete"];
        options?: never;
        head?: never;
        /** Change a user workflow */
        patch: operations["update_workflow_api_v1_workflows__workflow_id__patch"];
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save a copy of a workflow (default ones included) as a user workflow */
        post: operations["duplicate_workflow_api_v1_workflows__workflow_id__duplicate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workflow as a file (JSON, to download), Impasto's or InvokeAI's */
        get: operations["export_workflow_api_v1_workflows__workflow_id__export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Show a stored image for it */
        put: operations["set_thumbnail_api_v1_workflows__workflow_id__thumbnail_put"];
        post?: never;
        /** Remove its thumbnail */
        delete: operations["clear_thumbnail_api_v1_workflows__workflow_id__thumbnail_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a workflow file (Impasto's, or InvokeAI's of schema 1.x to 4.0.0) */
        post: operations["import_workflow_api_v1_workflows_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/import/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import the workflow an image carries (Impasto's or InvokeAI's)
         * @description Reads the image's ``impasto_workflow`` or ``invokeai_workflow`` metadata, or else its graph
         *     (``impasto_graph``, ``invokeai_graph``) laid out in columns.
         */
        post: operations["import_workflow_image_api_v1_workflows_import_image_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tags in use, with how many workflows carry each */
        get: operations["list_tags_api_v1_workflows_tags_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * ApplyRequest
         * @description The user's prompts to style.
         */
        ApplyRequest: {
            /**
             * Negative Prompt
             * @description The negative prompt.
             * @default
             */
            negative_prompt: string;
            /**
             * Prompt
             * @description The prompt.
             * @default
             */
            prompt: string;
        };
        /**
         * BaseModelType
         * @description The architecture family a model belongs to (what it is compatible with).
         * @enum {string}
         */
        BaseModelType: "sd-1" | "sd-2" | "sdxl" | "sdxl-refiner" | "sd-3" | "flux" | "any";
        /**
         * Batch
         * @description A graph to run, optionally over batch data, ``runs`` times.
         *
         *     ``data`` is a list of groups. The data within a group are zipped (they must have equal lengths);
         *     groups are crossed with each other. Every combination is run ``runs`` times.
         */
        Batch: {
            /**
             * Data
             * @description Groups of batch data: zipped within a group, crossed between groups.
             */
            data?: components["schemas"]["BatchDatum"][][];
            /**
             * Destination
             * @description Free-form tag of where results go.
             */
            destination?: string | null;
            /** @description The graph to run. */
            graph: components["schemas"]["Graph"];
            /**
             * Origin
             * @description Free-form tag of who enqueued (e.g. 'canvas').
             */
            origin?: string | null;
            /**
             * Prepend
             * @description Put the new items at the front of the queue.
             * @default false
             */
            prepend: boolean;
            /**
             * Runs
             * @description How many times to run every combination.
             * @default 1
             */
            runs: number;
            /**
             * Workflow
             * @description The editor workflow the graph came from; saved into the images it makes.
             */
            workflow?: {
                [key: string]: unknown;
            } | null;
        };
        /**
         * BatchDatum
         * @description A list of values for one node input; each value makes (at least) one queue item.
         */
        BatchDatum: {
            /**
             * Field
             * @description Name of the input.
             */
            field: string;
            /**
             * Items
             * @description The values, one per queue item.
             */
            items: unknown[];
            /**
             * Node Id
             * @description Id of the node whose input receives the values.
             */
            node_id: string;
        };
        /**
         * BatchEnqueued
         * @description New items were added to the queue.
         */
        BatchEnqueued: {
            /**
             * Batch Id
             * @description The new batch.
             */
            batch_id: string;
            /** @description Items per state after the change. */
            counts: components["schemas"]["QueueCounts"];
            /**
             * Item Ids
             * @description Its items, in queue order.
             */
            item_ids: number[];
            /**
             * Prepend
             * @description Whether they went to the front.
             */
            prepend: boolean;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default batch_enqueued
             * @constant
             */
            type: "batch_enqueued";
        };
        /**
         * BatchField
         * @description Values for one node input, one per item (the shape of the queue's batch data).
         */
        BatchField: {
            /**
             * Field
             * @description Name of the input.
             */
            field: string;
            /**
             * Items
             * @description The values.
             */
            items: unknown[];
            /**
             * Node Id
             * @description Id of the node whose input receives the values.
             */
            node_id: string;
        };
        /**
         * BoardChanged
         * @description A board was created, renamed, archived or restored, given a cover, or deleted.
         */
        BoardChanged: {
            /**
             * Action
             * @description What happened to it.
             * @enum {string}
             */
            action: "created" | "updated" | "deleted";
            /**
             * @description The board as it is now (none when deleted).
             * @default null
             */
            board: components["schemas"]["BoardRecord"] | null;
            /**
             * Board Id
             * @description The board.
             */
            board_id: string;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default board_changed
             * @constant
             */
            type: "board_changed";
        };
        /**
         * BoardChanges
         * @description Changes to a board; fields left out stay as they are.
         */
        BoardChanges: {
            /**
             * Archived
             * @description Archive (true) or restore (false).
             */
            archived?: boolean | null;
            /**
             * Board Name
             * @description The new name.
             */
            board_name?: string | null;
            /**
             * Cover Image Name
             * @description The cover image; null or '' (when given) goes back to the newest image.
             */
            cover_image_name?: string | null;
        };
        /**
         * BoardDeleted
         * @description What deleting a board did.
         */
        BoardDeleted: {
            /**
             * Board Id
             * @description The deleted board.
             */
            board_id: string;
            /**
             * Deleted Images
             * @description Images deleted with it.
             */
            deleted_images: string[];
            /**
             * Released Images
             * @description Images kept and moved to Uncategorized.
             */
            released_images: number;
        };
        /**
         * BoardRecord
         * @description A board with its counts and cover.
         */
        BoardRecord: {
            /**
             * Archived
             * @description Archived boards are hidden from the default board list.
             * @default false
             */
            archived: boolean;
            /**
             * Asset Count
             * @description Assets (other categories) on the board, intermediates excluded.
             * @default 0
             */
            asset_count: number;
            /**
             * Board Id
             * @description Unique id ('none' for the virtual Uncategorized board).
             */
            board_id: string;
            /**
             * Board Name
             * @description Name shown to the user.
             */
            board_name: string;
            /**
             * Cover Image Name
             * @description The chosen cover image, else the board's newest image.
             */
            cover_image_name?: string | null;
            /**
             * Created At
             * @description When the board was made.
             */
            created_at?: string | null;
            /**
             * Image Count
             * @description Images (category general) on the board, intermediates excluded.
             * @default 0
             */
            image_count: number;
            /**
             * Updated At
             * @description When the board last changed.
             */
            updated_at?: string | null;
        };
        /** Body_import_workflow_image_api_v1_workflows_import_image_post */
        Body_import_workflow_image_api_v1_workflows_import_image_post: {
            /**
             * File
             * @description A PNG made by Impasto or InvokeAI; it is not stored.
             */
            file: string;
        };
        /** Body_install_zip_api_v1_nodes_packs_zip_post */
        Body_install_zip_api_v1_nodes_packs_zip_post: {
            /**
             * File
             * @description A zip of the pack's folder (its __init__.py at the top).
             */
            file: string;
            /**
             * Name
             * @description Folder name of the pack.
             */
            name: string;
        };
        /** Body_parse_api_v1_metadata_parse_post */
        Body_parse_api_v1_metadata_parse_post: {
            /**
             * File
             * @description A PNG, JPEG or WebP.
             */
            file: string;
        };
        /** Body_upload_api_v1_images_upload_post */
        Body_upload_api_v1_images_upload_post: {
            /**
             * Board Id
             * @description Board to add it to.
             */
            board_id?: string | null;
            /**
             * @description What the image is for.
             * @default general
             */
            category: components["schemas"]["ImageCategory"];
            /**
             * File
             * @description The image file.
             */
            file: string;
            /**
             * Intermediate
             * @description Hide it from the gallery.
             * @default false
             */
            intermediate: boolean;
        };
        /**
         * CacheEntryInfo
         * @description One cached model or submodel.
         */
        CacheEntryInfo: {
            /**
             * Bytes
             * @description Size of its weights in RAM.
             */
            bytes: number;
            /**
             * Device Bytes
             * @description Bytes of its weights kept on the execution device now.
             */
            device_bytes: number;
            /**
             * Key
             * @description Record key of the installed model.
             */
            key: string;
            /**
             * Locks
             * @description How many users hold it now (a held model is never evicted).
             */
            locks: number;
            /**
             * Partial
             * @description True when only some of its layers are kept on the device.
             */
            partial: boolean;
            /**
             * Submodel
             * @description Part of a main model, or null for a whole model.
             */
            submodel: string | null;
        };
        /**
         * CacheStats
         * @description Budgets, usage and counters of the model cache since it was created.
         */
        CacheStats: {
            /**
             * Device Budget Bytes
             * @description Most bytes of models kept on the execution device.
             */
            device_budget_bytes: number;
            /**
             * Device Bytes
             * @description Bytes of models on the execution device now.
             */
            device_bytes: number;
            /**
             * Device Evictions
             * @description Models moved off the device to make room.
             */
            device_evictions: number;
            /**
             * Entries
             * @description Cached models, least recently used first.
             */
            entries: components["schemas"]["CacheEntryInfo"][];
            /**
             * Execution Device
             * @description Device that models run on (cpu, cuda:0, mps).
             */
            execution_device: string;
            /**
             * Hits
             * @description Requests answered from the cache.
             */
            hits: number;
            /**
             * Load Failures
             * @description Reads from disk that failed.
             */
            load_failures: number;
            /**
             * Misses
             * @description Requests that had to read a model from disk.
             */
            misses: number;
            /**
             * Partial Loading
             * @description Whether models larger than the device budget may stream.
             */
            partial_loading: boolean;
            /**
             * Peak Device Bytes
             * @description Highest device_bytes seen, including layers streamed in by partial loading.
             */
            peak_device_bytes: number;
            /**
             * Peak Ram Bytes
             * @description Highest ram_bytes seen.
             */
            peak_ram_bytes: number;
            /**
             * Ram Budget Bytes
             * @description Most bytes of models kept in RAM.
             */
            ram_budget_bytes: number;
            /**
             * Ram Bytes
             * @description Bytes of models in RAM now.
             */
            ram_bytes: number;
            /**
             * Ram Evictions
             * @description Models dropped from RAM to make room.
             */
            ram_evictions: number;
        };
        /**
         * Canceled
         * @description Items that were canceled.
         */
        Canceled: {
            /**
             * Canceled
             * @description Ids of the items that were pending or running and are canceled now.
             */
            canceled: number[];
        };
        /**
         * Canvas
         * @description A stored canvas.
         */
        Canvas: {
            /**
             * Created At
             * Format: date-time
             * @description When the canvas was first stored.
             */
            created_at: string;
            /**
             * Document
             * @description The document exactly as it was last stored.
             */
            document: {
                [key: string]: unknown;
            };
            /**
             * Name
             * @description The canvas's name, as in its URL.
             */
            name: string;
            /**
             * Updated At
             * Format: date-time
             * @description When the document was last replaced.
             */
            updated_at: string;
        };
        /**
         * CanvasDocument
         * @description A canvas document: an object whose integer ``version`` names the shape of the rest.
         *
         *     The server keeps the other keys as they are; it reads only string values under ``image_name`` keys
         *     (at any depth), the stored images a canvas uses, so that clearing intermediate images spares them.
         */
        CanvasDocument: {
            /**
             * Version
             * @description The document's format version, chosen by the client.
             */
            version: number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Cleared
         * @description How many intermediate images were deleted.
         */
        Cleared: {
            /**
             * Deleted
             * @description Number of intermediate images deleted.
             */
            deleted: number;
        };
        /**
         * ContainerElement
         * @description A row or column of other elements.
         */
        ContainerElement: {
            /**
             * Children
             * @description Ids of the child elements, in order.
             */
            children?: string[];
            /**
             * Id
             * @description Unique id of the element; its key in the form's elements.
             */
            id: string;
            /**
             * Layout
             * @description How the children are laid out.
             * @default column
             * @enum {string}
             */
            layout: "row" | "column";
            /**
             * @description Kind of element. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            type: "container";
        };
        /**
         * ControlNetRequest
         * @description A ControlNet unit.
         */
        ControlNetRequest: {
            /**
             * Begin
             * @description Fraction of the steps at which the control starts.
             * @default 0
             */
            begin: number;
            /**
             * Control Mode
             * @description Balance between the prompt and the control.
             * @default balanced
             * @enum {string}
             */
            control_mode: "balanced" | "more_prompt" | "more_control" | "unbalanced";
            /**
             * End
             * @description Fraction of the steps at which the control stops.
             * @default 1
             */
            end: number;
            /**
             * Image
             * @description Name of the stored control image.
             */
            image: string;
            /**
             * Model
             * @description The control model: an installed model's key or name.
             */
            model: string;
            /**
             * Preprocessor
             * @description Turns the image into a control image first (none: it is one already).
             * @default none
             * @enum {string}
             */
            preprocessor: "none" | "canny" | "content_shuffle" | "color_map" | "lineart_standard" | "tile" | "depth" | "normal" | "hed" | "lineart" | "lineart_anime" | "pidi" | "mlsd" | "openpose";
            /**
             * Preprocessor Model
             * @description The model of a learned preprocessor (depth, normal, hed, lineart, lineart_anime, pidi, mlsd, openpose): an installed preprocessor model's key or name; empty: the first installed one (by name) that fits.
             */
            preprocessor_model?: string | null;
            /**
             * Preprocessor Options
             * @description Inputs of the preprocessor node, e.g. {'low_threshold': 50} for canny.
             */
            preprocessor_options?: {
                [key: string]: unknown;
            };
            /**
             * Resize Mode
             * @description How the control image is fitted to the output size.
             * @default just_resize
             * @enum {string}
             */
            resize_mode: "just_resize" | "crop_resize" | "fill_resize" | "just_resize_simple";
            /**
             * Weight
             * @description How strongly the control guides the image.
             * @default 1
             */
            weight: number;
        };
        /**
         * ControlUnit
         * @description One ControlNet, T2I-Adapter or IP-Adapter that guided the generation.
         */
        ControlUnit: {
            /**
             * Begin
             * @description Fraction of the steps at which the control starts.
             */
            begin?: number | null;
            /**
             * Control Mode
             * @description Balance between prompt and control, if set.
             */
            control_mode?: string | null;
            /**
             * End
             * @description Fraction of the steps at which the control ends.
             */
            end?: number | null;
            /**
             * Image Name
             * @description The control image, when it is a stored image.
             */
            image_name?: string | null;
            /**
             * Kind
             * @description 'controlnet', 't2i_adapter' or 'ip_adapter'.
             * @default controlnet
             */
            kind: string;
            /** @description The control model. */
            model?: components["schemas"]["ModelRef"] | null;
            /**
             * Processor
             * @description Preprocessor that made the control image (e.g. canny).
             */
            processor?: string | null;
            /**
             * Weight
             * @description Strength of the control (1 is full strength).
             */
            weight?: number | null;
        };
        /**
         * CreativeUpscale
         * @description How a main model refines the upscaler's result.
         */
        CreativeUpscale: {
            /**
             * Cfg Scale
             * @description How closely to follow the prompt.
             * @default 7
             */
            cfg_scale: number;
            /**
             * Creativity
             * @description How much the model may redraw (denoising_start = 0.8 - 0.5 x this).
             * @default 0.35
             */
            creativity: number;
            /**
             * Main Model
             * @description Key or name of an SD 1.x, 2.x or SDXL main model.
             */
            main_model: string;
            /**
             * Negative Prompt
             * @description What the added detail should not show.
             * @default
             */
            negative_prompt: string;
            /**
             * Prompt
             * @description What the image shows; guides the detail the model adds.
             * @default
             */
            prompt: string;
            /**
             * Scheduler
             * @description The sampling method.
             * @default euler
             */
            scheduler: string;
            /**
             * Seed
             * @description Seed of the noise (none: random).
             */
            seed?: number | null;
            /**
             * Steps
             * @description Denoising steps over the full schedule.
             * @default 20
             */
            steps: number;
            /**
             * Structure
             * @description Weight of tile_controlnet (default 0.6); only with tile_controlnet.
             */
            structure?: number | null;
            /**
             * Tile Controlnet
             * @description Key or name of a ControlNet tile model that keeps the composition.
             */
            tile_controlnet?: string | null;
            /**
             * Tile Overlap
             * @description Pixels neighbouring tiles share.
             * @default 128
             */
            tile_overlap: number;
            /**
             * Tile Size
             * @description Tile side in pixels (768 SD 1.x/2.x, 1024 SDXL).
             */
            tile_size?: number | null;
        };
        /**
         * DefaultSettings
         * @description Generation settings a model prefers; applied when a user picks it.
         */
        DefaultSettings: {
            /**
             * Cfg Scale
             * @description Classifier-free guidance scale.
             */
            cfg_scale?: number | null;
            /**
             * Guidance
             * @description Distilled guidance of a guidance-distilled model (FLUX dev); empty for the others.
             */
            guidance?: number | null;
            /**
             * Height
             * @description Image height in pixels.
             */
            height?: number | null;
            /**
             * Scheduler
             * @description Scheduler name (see the generation docs).
             */
            scheduler?: string | null;
            /**
             * Steps
             * @description Denoising steps.
             */
            steps?: number | null;
            /**
             * Width
             * @description Image width in pixels.
             */
            width?: number | null;
        };
        /**
         * DividerElement
         * @description A line between elements.
         */
        DividerElement: {
            /**
             * Id
             * @description Unique id of the element; its key in the form's elements.
             */
            id: string;
            /**
             * @description Kind of element. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            type: "divider";
        };
        /**
         * DownloadRequest
         * @description What to put in a ZIP: listed images, or every image of a board (one of the two is needed).
         */
        DownloadRequest: {
            /**
             * Board Id
             * @description A board (or 'none') whose images to download.
             */
            board_id?: string | null;
            /**
             * Image Names
             * @description Names of the images.
             */
            image_names?: string[] | null;
        } & ({
            image_names: unknown;
        } | {
            board_id: unknown;
        });
        /**
         * DuplicateRequest
         * @description How to name a copy.
         */
        DuplicateRequest: {
            /**
             * Name
             * @description Name of the copy; empty: '<name> (copy)'.
             */
            name?: string | null;
        };
        /**
         * DynamicPromptRequest
         * @description A dynamic prompt to expand.
         */
        DynamicPromptRequest: {
            /**
             * Combinatorial
             * @description Every combination in order; off: random draws.
             * @default true
             */
            combinatorial: boolean;
            /**
             * Max Prompts
             * @description How many prompts at most.
             * @default 1000
             */
            max_prompts: number;
            /**
             * Prompt
             * @description The template: {a|b}, {2$$a|b|c}, __wildcard__.
             */
            prompt: string;
            /**
             * Seed
             * @description Seed of the random draws; empty: different every time.
             */
            seed?: number | null;
        };
        /**
         * DynamicPromptResponse
         * @description The expansion, or why there is none.
         */
        DynamicPromptResponse: {
            /**
             * Count
             * @description How many prompts there are.
             */
            count: number;
            /**
             * Error
             * @description What is wrong with the template, if anything.
             */
            error?: string | null;
            /**
             * Prompts
             * @description The prompts (empty when the template has an error).
             */
            prompts: string[];
        };
        /**
         * Edge
         * @description A connection from one node's output field to another node's input field.
         */
        Edge: {
            /** @description The input that receives the value. */
            destination: components["schemas"]["EdgeEndpoint"];
            /** @description The output that provides the value. */
            source: components["schemas"]["EdgeEndpoint"];
        };
        /**
         * EdgeEndpoint
         * @description One end of an edge: a node and one of its fields.
         */
        EdgeEndpoint: {
            /**
             * Field
             * @description Name of the node's output (source) or input (destination) field.
             */
            field: string;
            /**
             * Node Id
             * @description Id of the node.
             */
            node_id: string;
        };
        /**
         * EmptyResult
         * @description What emptying the cache freed.
         */
        EmptyResult: {
            /**
             * Bytes
             * @description RAM bytes freed.
             */
            bytes: number;
            /**
             * Dropped
             * @description How many entries were dropped.
             */
            dropped: number;
            /**
             * Kept
             * @description Entries kept because they are in use.
             */
            kept: number;
        };
        /**
         * EnqueueResult
         * @description What an enqueue created.
         */
        EnqueueResult: {
            /**
             * Batch Id
             * @description Id of the new batch.
             */
            batch_id: string;
            /**
             * Enqueued
             * @description Number of items created.
             */
            enqueued: number;
            /**
             * Item Ids
             * @description Ids of the queue items created, in queue order.
             */
            item_ids: number[];
            /**
             * Prepend
             * @description Whether they were put at the front.
             */
            prepend: boolean;
        };
        /**
         * ErrorBody
         * @description The body of every error response.
         */
        ErrorBody: {
            /**
             * Code
             * @description Stable kind of error, e.g. 'not_found' or 'invalid_graph'.
             */
            code: string;
            /**
             * Details
             * @description Structured detail, e.g. the list of graph problems.
             */
            details?: unknown;
            /**
             * Message
             * @description What went wrong, in words.
             */
            message: string;
        };
        /**
         * EventTypeDoc
         * @description One kind of event sent on the WebSocket.
         */
        EventTypeDoc: {
            /**
             * Description
             * @description When it is sent.
             */
            description: string;
            /**
             * Json Schema
             * @description JSON schema of the event.
             */
            json_schema: {
                [key: string]: unknown;
            };
            /**
             * Type
             * @description Value of the event's `type` field.
             */
            type: string;
        };
        /**
         * FieldElement
         * @description One input of one node, for the user to fill in without opening the graph.
         */
        FieldElement: {
            /**
             * Component
             * @description How a number or text input is drawn ('default': as the node says).
             * @default default
             * @enum {string}
             */
            component: "default" | "slider" | "textarea" | "dropdown";
            /**
             * Description
             * @description Help shown under the input instead of the node's description of it (empty: the node's).
             * @default
             */
            description: string;
            /**
             * Field
             * @description Name of the node's input.
             */
            field: string;
            /**
             * Id
             * @description Unique id of the element; its key in the form's elements.
             */
            id: string;
            /**
             * Label
             * @description Label shown instead of the input's name.
             * @default
             */
            label: string;
            /**
             * Node Id
             * @description Id of the graph node.
             */
            node_id: string;
            /**
             * Show Description
             * @description Show the description under the input.
             * @default true
             */
            show_description: boolean;
            /**
             * @description Kind of element. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            type: "field";
        };
        /**
         * FieldValue
         * @description A value for one node input, set by a batch.
         */
        FieldValue: {
            /**
             * Field
             * @description Name of the input.
             */
            field: string;
            /**
             * Node Id
             * @description Id of the node whose input is set.
             */
            node_id: string;
            /**
             * Value
             * @description The value.
             */
            value: unknown;
        };
        /**
         * GenerateRequest
         * @description One generation: a prompt and flat parameters; each image becomes one queue item.
         */
        GenerateRequest: {
            /**
             * Board
             * @description Id of the board the images are added to.
             */
            board?: string | null;
            /**
             * Cfg Rescale Multiplier
             * @description Rescale guidance against overexposure (0 = off).
             * @default 0
             */
            cfg_rescale_multiplier: number;
            /**
             * Cfg Scale
             * @description How closely to follow the prompt; empty: the model's default.
             */
            cfg_scale?: number | null;
            /**
             * Clip Embed
             * @description A CLIP-L text encoder (key or name) for a FLUX or SD3 main model stored as a transformer-only single file; empty: the model's own, else the first installed compatible one.
             */
            clip_embed?: string | null;
            /**
             * Clip Skip
             * @description Final text-encoder layers to skip.
             * @default 0
             */
            clip_skip: number;
            /**
             * Controlnets
             * @description ControlNet units.
             */
            controlnets?: components["schemas"]["ControlNetRequest"][];
            /**
             * Count
             * @description How many images, with consecutive seeds (seed, seed + 1, ...).
             * @default 1
             */
            count: number;
            /**
             * Denoise Limit
             * @description The most a masked pixel may change: the mask's strength is multiplied by it (0 keeps the masked area); empty: 1, with the plain denoise mask.
             */
            denoise_limit?: number | null;
            /**
             * Dynamic Prompts
             * @description Expand {a|b} variants and __wildcards__ in the prompt (every combination).
             * @default true
             */
            dynamic_prompts: boolean;
            /**
             * Guidance
             * @description Distilled guidance of FLUX dev models: a value the transformer is conditioned on, not a second prediction (cfg_scale is true CFG there); empty: the model's default (3.5 for FLUX dev). Ignored by FLUX schnell and by other families.
             */
            guidance?: number | null;
            /**
             * Height
             * @description Height in pixels; empty: the model's default (or the init image's).
             */
            height?: number | null;
            /** @description A second pass at a larger size. */
            hires_fix?: components["schemas"]["HiresFixRequest"] | null;
            /** @description How a partly transparent init image's transparent pixels are filled before they are painted; empty: the default method with its defaults. */
            infill?: components["schemas"]["InfillRequest"] | null;
            /**
             * Init Image
             * @description Name of a stored image to start from (image to image).
             */
            init_image?: string | null;
            /**
             * Loras
             * @description LoRAs, in order.
             */
            loras?: components["schemas"]["LoraRequest"][];
            /**
             * Mask
             * @description Name of a stored mask image: white is regenerated, black kept (inpainting).
             */
            mask?: string | null;
            /**
             * Mask Blur
             * @description Soften the mask's edges by this many pixels.
             * @default 0
             */
            mask_blur: number;
            /**
             * Max Prompts
             * @description Most prompts a dynamic prompt may expand to.
             * @default 100
             */
            max_prompts: number;
            /**
             * Model
             * @description Main model: key or name; empty: the default model.
             */
            model?: string | null;
            /**
             * Negative Prompt
             * @description What the image should not show.
             * @default
             */
            negative_prompt: string;
            /**
             * Noise Level
             * @description Seeded noise added to the init image inside the mask before it is encoded (InvokeAI's inpaint mask noise); empty: 0.15 when a mask is given, else none; 0: none.
             */
            noise_level?: number | null;
            /** @description Extend the init image's canvas and paint it. */
            outpaint?: components["schemas"]["OutpaintRequest"] | null;
            /**
             * Prepend
             * @description Put the new queue items at the front of the queue.
             * @default false
             */
            prepend: boolean;
            /**
             * Prompt
             * @description The prompt (compel syntax; {a|b} expands).
             */
            prompt: string;
            /**
             * Reference Image
             * @description Name of a stored image for a FLUX.1 Kontext model to edit as the prompt says ('make the sky red'); without width and height the result has the reference's size after resizing it to the Kontext training size closest to its aspect ratio. Other models refuse it.
             */
            reference_image?: string | null;
            /**
             * Reference Images
             * @description IP-Adapter reference images applied to the whole image (SD 1.x, 2.x and SDXL models).
             */
            reference_images?: components["schemas"]["ReferenceImageRequest"][];
            /** @description An SDXL refiner pass (SDXL models only). */
            refiner?: components["schemas"]["RefinerRequest"] | null;
            /**
             * Regions
             * @description Regions with their own prompts and reference images (SD 1.x, 2.x and SDXL models).
             */
            regions?: components["schemas"]["RegionRequest"][];
            /**
             * Scale Before Processing
             * @description none: generate at the image's size; auto: a size smaller than the model's native area is generated at that area (same aspect ratio, on the size grid) and scaled back; manual: generate at scaled_width x scaled_height and scale back.
             * @default none
             * @enum {string}
             */
            scale_before_processing: "none" | "auto" | "manual";
            /**
             * Scaled Height
             * @description Height to generate at with scale_before_processing manual.
             */
            scaled_height?: number | null;
            /**
             * Scaled Width
             * @description Width to generate at with scale_before_processing manual.
             */
            scaled_width?: number | null;
            /**
             * Scheduler
             * @description Sampling method, e.g. euler; empty: the model's default.
             */
            scheduler?: string | null;
            /**
             * Seamless X
             * @description Make the image tile horizontally.
             * @default false
             */
            seamless_x: boolean;
            /**
             * Seamless Y
             * @description Make the image tile vertically.
             * @default false
             */
            seamless_y: boolean;
            /**
             * Seed
             * @description Seed of the first image (unsigned 32 bit); empty: random.
             */
            seed?: number | null;
            /**
             * Steps
             * @description Denoising steps; empty: the model's default.
             */
            steps?: number | null;
            /**
             * Strength
             * @description How much of the init image to change (default 0.75; inpaint 1).
             */
            strength?: number | null;
            /**
             * Style Preset
             * @description A style preset (id or name) applied to both prompts.
             */
            style_preset?: string | null;
            /**
             * T2I Adapters
             * @description T2I-Adapter units.
             */
            t2i_adapters?: components["schemas"]["T2IAdapterRequest"][];
            /**
             * T5 Encoder
             * @description A T5 text encoder (key or name) for a FLUX or SD3 main model stored as a transformer-only single file; empty: the model's own, else the first installed compatible one.
             */
            t5_encoder?: string | null;
            /**
             * Vae
             * @description A VAE (key or name) to use instead of the model's own.
             */
            vae?: string | null;
            /**
             * Width
             * @description Width in pixels; empty: the model's default (or the init image's).
             */
            width?: number | null;
        };
        /**
         * GenerateResult
         * @description The queue items a generation request made.
         */
        GenerateResult: {
            /**
             * Batch Id
             * @description Id of the new batch.
             */
            batch_id: string;
            /** @description The graph that runs (with include_graph). */
            graph?: components["schemas"]["Graph"] | null;
            /**
             * Height
             * @description Height of the images, in pixels.
             */
            height: number;
            /**
             * Item Ids
             * @description Queue item ids, one per image, in queue order.
             */
            item_ids: number[];
            /**
             * Mode
             * @description What the request does: txt2img, img2img, inpaint or outpaint (a canvas's init image decides by its transparency).
             * @enum {string}
             */
            mode: "txt2img" | "img2img" | "inpaint" | "outpaint";
            /**
             * Prompts
             * @description Prompt of each item (after styles and dynamic prompts).
             */
            prompts: string[];
            /**
             * Seeds
             * @description Seed of each item (the chosen one when none was given).
             */
            seeds: number[];
            /**
             * Width
             * @description Width of the images, in pixels.
             */
            width: number;
        };
        /**
         * GenerationPlan
         * @description A graph, its batch data (zipped within a group, groups crossed) and the items they make.
         */
        GenerationPlan: {
            /**
             * Data
             * @description Batch data, as the queue's enqueue takes them.
             */
            data: components["schemas"]["BatchField"][][];
            /** @description The generation graph. */
            graph: components["schemas"]["Graph"];
            /**
             * Height
             * @description Height of the images made, in pixels.
             */
            height: number;
            /**
             * Items
             * @description Seed and prompt of each item, in queue order.
             */
            items: components["schemas"]["PlannedItem"][];
            /**
             * Mode
             * @description txt2img, img2img, inpaint or outpaint (read from the init image's transparency).
             * @enum {string}
             */
            mode: "txt2img" | "img2img" | "inpaint" | "outpaint";
            /**
             * Model Key
             * @description Key of the main model.
             */
            model_key: string;
            /**
             * Width
             * @description Width of the images made, in pixels.
             */
            width: number;
        };
        /**
         * GitInstall
         * @description A git repository to install as a node pack.
         */
        GitInstall: {
            /**
             * Name
             * @description Folder name of the pack; empty: the repository's.
             */
            name?: string | null;
            /**
             * Url
             * @description An http(s) git URL, or file:// inside the folders node_pack_source_dirs allows.
             */
            url: string;
        };
        /**
         * Graph
         * @description A graph of nodes; each node is ``{"id", "type", <input>: <value>, ...}``.
         */
        Graph: {
            /**
             * Edges
             * @description Connections between node fields.
             */
            edges?: components["schemas"]["Edge"][];
            /**
             * Id
             * @description Optional id of the graph.
             */
            id?: string | null;
            /**
             * Nodes
             * @description Nodes keyed by their id.
             */
            nodes?: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
        };
        /**
         * GraphIssue
         * @description One problem found in a graph, precise enough for an editor to highlight the socket.
         */
        GraphIssue: {
            /**
             * Code
             * @description Stable kind of problem, e.g. 'missing_input' or 'cycle'.
             */
            code: string;
            /**
             * Field
             * @description The node's field concerned, if any.
             */
            field?: string | null;
            /**
             * Message
             * @description What is wrong, in words.
             */
            message: string;
            /**
             * Node Id
             * @description The node concerned, if any.
             */
            node_id?: string | null;
        };
        /**
         * GraphRequest
         * @description A graph to check.
         */
        GraphRequest: {
            /** @description The graph. */
            graph: components["schemas"]["Graph"];
        };
        /**
         * HeadingElement
         * @description A heading.
         */
        HeadingElement: {
            /**
             * Id
             * @description Unique id of the element; its key in the form's elements.
             */
            id: string;
            /**
             * Text
             * @description The heading.
             */
            text: string;
            /**
             * @description Kind of element. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            type: "heading";
        };
        /**
         * Health
         * @description Liveness of the server.
         */
        Health: {
            /**
             * Status
             * @description 'ok' when the server answers.
             */
            status: string;
            /**
             * Version
             * @description Impasto's version.
             */
            version: string;
        };
        /**
         * HiresFixRequest
         * @description A second pass at a larger size: generate, upscale, then image to image at the larger size.
         *
         *     The first pass is enlarged as latents (bicubic; fast, soft) or, with ``upscaler``, decoded, enlarged by
         *     an upscaler model (sharper detail for the second pass to build on) and encoded again.
         */
        HiresFixRequest: {
            /**
             * Scale
             * @description How much larger the final image is along each side.
             * @default 2
             */
            scale: number;
            /**
             * Steps
             * @description Steps of the second pass; empty: the same.
             */
            steps?: number | null;
            /**
             * Strength
             * @description How much the second pass may change (1 regenerates everything).
             * @default 0.5
             */
            strength: number;
            /**
             * Upscaler
             * @description An installed upscaler model (key or name); empty: the latents are scaled (bicubic).
             */
            upscaler?: string | null;
        };
        /**
         * ImageAdded
         * @description An image was stored (generated by a node or uploaded).
         */
        ImageAdded: {
            /** @description The new image's record. */
            image: components["schemas"]["ImageRecord"];
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default image_added
             * @constant
             */
            type: "image_added";
        };
        /**
         * ImageCategory
         * @description What an image is for; the gallery shows ``general`` as images and the rest as assets.
         * @enum {string}
         */
        ImageCategory: "general" | "mask" | "control" | "user" | "other";
        /**
         * ImageChanges
         * @description Changes to one or many images; fields left out stay as they are.
         */
        ImageChanges: {
            /**
             * Board Id
             * @description Move to this board; 'none' (or null, when given) removes it from its board.
             */
            board_id?: string | null;
            /** @description The new category. */
            category?: components["schemas"]["ImageCategory"] | null;
            /**
             * Intermediate
             * @description Show in (false) or hide from (true) the gallery.
             */
            intermediate?: boolean | null;
            /**
             * Starred
             * @description Star or unstar.
             */
            starred?: boolean | null;
        };
        /**
         * ImageNames
         * @description A list of image names.
         */
        ImageNames: {
            /**
             * Image Names
             * @description Names of the images.
             */
            image_names: string[];
        };
        /**
         * ImageOrigin
         * @description Where an image came from.
         * @enum {string}
         */
        ImageOrigin: "generated" | "uploaded";
        /**
         * ImagePage
         * @description One page of images, newest first.
         */
        ImagePage: {
            /**
             * Items
             * @description The images of this page.
             */
            items: components["schemas"]["ImageRecord"][];
            /**
             * Limit
             * @description Largest page size asked for.
             */
            limit: number;
            /**
             * Offset
             * @description Index of the first image of this page.
             */
            offset: number;
            /**
             * Total
             * @description How many images match the filters.
             */
            total: number;
        };
        /**
         * ImageRecord
         * @description One stored image.
         */
        ImageRecord: {
            /**
             * Board Id
             * @description The board it was added to.
             */
            board_id?: string | null;
            /**
             * @description What the image is for.
             * @default general
             */
            category: components["schemas"]["ImageCategory"];
            /**
             * Created At
             * Format: date-time
             * @description When it was stored.
             */
            created_at: string;
            /**
             * File Size
             * @description Size of the PNG file in bytes.
             */
            file_size: number;
            /**
             * Has Workflow
             * @description Whether its metadata holds a workflow or graph to load.
             * @default false
             */
            has_workflow: boolean;
            /**
             * Height
             * @description Height in pixels.
             */
            height: number;
            /**
             * Image Name
             * @description Unique name: 32 hex digits and .png.
             */
            image_name: string;
            /**
             * Intermediate
             * @description Whether the image is hidden from the gallery.
             * @default false
             */
            intermediate: boolean;
            /**
             * Node Id
             * @description The node that made it.
             */
            node_id?: string | null;
            /**
             * @description Generated or uploaded.
             * @default generated
             */
            origin: components["schemas"]["ImageOrigin"];
            /**
             * Queue Item Id
             * @description The queue item that made it.
             */
            queue_item_id?: number | null;
            /**
             * Starred
             * @description Whether the user starred it.
             * @default false
             */
            starred: boolean;
            /**
             * Updated At
             * Format: date-time
             * @description When its record last changed.
             */
            updated_at: string;
            /**
             * Width
             * @description Width in pixels.
             */
            width: number;
        };
        /**
         * ImagesDeleted
         * @description Images were deleted (one, many, a board's or the intermediates).
         */
        ImagesDeleted: {
            /**
             * Image Names
             * @description Names of the deleted images.
             */
            image_names: string[];
            /**
             * Intermediates Cleared
             * @description True when this was the clearing of intermediate images.
             * @default false
             */
            intermediates_cleared: boolean;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default images_deleted
             * @constant
             */
            type: "images_deleted";
        };
        /**
         * ImagesUpdated
         * @description Images were starred, unstarred, moved to another board or changed category.
         */
        ImagesUpdated: {
            /**
             * Images
             * @description The changed records, as they are now.
             */
            images: components["schemas"]["ImageRecord"][];
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default images_updated
             * @constant
             */
            type: "images_updated";
        };
        /**
         * Deleted
         * @description Images that were deleted.
         */
        impasto__api__routes__images__Deleted: {
            /**
             * Deleted
             * @description Names of the deleted images.
             */
            deleted: string[];
        };
        /**
         * Deleted
         * @description How many things were removed.
         */
        impasto__api__routes__models__Deleted: {
            /**
             * Deleted
             * @description Number removed.
             */
            deleted: number;
        };
        /**
         * Deleted
         * @description How many items were removed.
         */
        impasto__api__routes__queue__Deleted: {
            /**
             * Deleted
             * @description Number of items deleted.
             */
            deleted: number;
        };
        /**
         * ImportProblem
         * @description One node, field, edge, note or form element of the imported file that is not in the result.
         */
        ImportProblem: {
            /**
             * Edge
             * @description The edge concerned, as 'node.output -> node.input'.
             */
            edge?: string | null;
            /**
             * Element Id
             * @description The form element or note concerned, if any.
             */
            element_id?: string | null;
            /**
             * Field
             * @description The field concerned (its name in the file), if any.
             */
            field?: string | null;
            /**
             * Node Id
             * @description The node concerned (its id in the file), if any.
             */
            node_id?: string | null;
            /**
             * Node Type
             * @description The node's type in the file, if any.
             */
            node_type?: string | null;
            /**
             * Part
             * @description What was left out: a node, a field's value, an edge, a note, ...
             * @enum {string}
             */
            part: "workflow" | "node" | "field" | "edge" | "notes" | "form";
            /**
             * Reason
             * @description Why, in words.
             */
            reason: string;
        };
        /**
         * ImportReport
         * @description Where a workflow came from and what of it could not be mapped (empty: everything was).
         */
        ImportReport: {
            /**
             * Problems
             * @description Everything that was left out, each with the reason.
             */
            problems?: components["schemas"]["ImportProblem"][];
            /**
             * Schema Version
             * @description The version of the file's layout.
             */
            schema_version: string;
            /**
             * Source
             * @description The program that wrote the file.
             * @enum {string}
             */
            source: "impasto" | "invokeai";
        };
        /**
         * ImportResult
         * @description What an import did: it never replaces an existing preset.
         */
        ImportResult: {
            /**
             * Created
             * @description The presets created.
             */
            created: components["schemas"]["StylePreset"][];
            /**
             * Skipped
             * @description Entries not imported: a name in use, or an invalid entry (the reason says which).
             */
            skipped: components["schemas"]["SkippedPreset"][];
        };
        /**
         * InfillRequest
         * @description How a canvas's transparent pixels are filled before they are painted (outpainting).
         *
         *     ``options`` are the inputs of the method's node: color ``{color: {r, g, b, a}}`` (infill_rgba),
         *     cv2 ``{method: telea|navier_stokes, radius}`` (infill_cv2), tile ``{tile_size}`` (infill_tile),
         *     patchmatch ``{patch_size, downscale}`` (infill_patchmatch), lama ``{model}`` (infill_lama: an installed
         *     LaMa model's key or name; empty: the first installed one). Seeds follow each item's seed.
         */
        InfillRequest: {
            /**
             * Method
             * @description color, cv2, tile, patchmatch or lama; empty: patchmatch where the PyPatchMatch package is installed (InvokeAI's default), else cv2.
             */
            method?: ("color" | "cv2" | "tile" | "patchmatch" | "lama") | null;
            /**
             * Options
             * @description Inputs of the method's node.
             */
            options?: {
                [key: string]: unknown;
            };
        };
        /**
         * InstallJob
         * @description One install: its source, state, progress and outcome.
         */
        InstallJob: {
            /**
             * Bytes Done
             * @description Bytes of the current step done.
             * @default 0
             */
            bytes_done: number;
            /**
             * Bytes Total
             * @description Bytes of the current step in all, if known.
             */
            bytes_total?: number | null;
            /**
             * Created At
             * Format: date-time
             * @description When the job was submitted.
             */
            created_at: string;
            /**
             * Error Message
             * @description Message of the error, when the job failed.
             */
            error_message?: string | null;
            /**
             * Error Type
             * @description Type of the error, when the job failed.
             */
            error_type?: string | null;
            /**
             * Id
             * @description Id of the job.
             */
            id: string;
            /**
             * Model Key
             * @description Key of the installed model, once completed.
             */
            model_key?: string | null;
            /**
             * Percentage
             * @description Progress of the current step from 0 to 100, when its size is known.
             */
            readonly percentage: number | null;
            /** @description The request that started the job. */
            request: components["schemas"]["InstallRequest"];
            /**
             * Source
             * @description What is installed (as given).
             */
            source: string;
            /**
             * Source Type
             * @description Kind of source.
             * @enum {string}
             */
            source_type: "path" | "url" | "hf" | "starter" | "bundled";
            /** @description Where the job is in its life cycle. */
            state: components["schemas"]["JobState"];
            /**
             * Step
             * @description What a running job does now: download, identify, hash, copy.
             */
            step?: string | null;
            /**
             * Updated At
             * Format: date-time
             * @description When the job last changed.
             */
            updated_at: string;
        };
        /**
         * InstallJobChanged
         * @description An install job changed state or made progress (progress is sent at most about ten times a second).
         */
        InstallJobChanged: {
            /** @description The job after the change: state, step, bytes done and total. */
            job: components["schemas"]["InstallJob"];
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default install_job_changed
             * @constant
             */
            type: "install_job_changed";
        };
        /**
         * InstallRequest
         * @description What to install and how.
         */
        InstallRequest: {
            /**
             * Description
             * @description Description of the model.
             */
            description?: string | null;
            /**
             * Inplace
             * @description Local sources only: record the file where it is (not owned) instead of copying it.
             * @default false
             */
            inplace: boolean;
            /**
             * Name
             * @description Name instead of the file name.
             */
            name?: string | null;
            /** @description Fields that replace identification results. */
            overrides?: components["schemas"]["ModelOverrides"] | null;
            /**
             * Source
             * @description A local file or folder, an http(s) URL, or a Hugging Face id: 'owner/repo' (a diffusers folder or a repository holding one model file), 'owner/repo::path/in/repo.safetensors', optionally with ':variant' (e.g. 'owner/repo:fp16') to fetch only that variant's weights.
             */
            source: string;
        };
        /**
         * InvokeAIBatch
         * @description InvokeAI's batch: a graph to run over batch data, ``runs`` times.
         */
        InvokeAIBatch: {
            /**
             * Data
             * @description Groups of batch data.
             */
            data?: components["schemas"]["InvokeAIBatchDatum"][][] | null;
            /**
             * Destination
             * @description Where results go.
             */
            destination?: string | null;
            /**
             * Graph
             * @description The InvokeAI graph (mapped onto Impasto's nodes).
             */
            graph: {
                [key: string]: unknown;
            };
            /**
             * Origin
             * @description Who enqueued.
             */
            origin?: string | null;
            /**
             * Runs
             * @description How many times to run every combination.
             * @default 1
             */
            runs: number;
            /**
             * Workflow
             * @description The InvokeAI workflow the graph was built from; its images carry it (mapped).
             */
            workflow?: {
                [key: string]: unknown;
            } | null;
        };
        /**
         * InvokeAIBatchDatum
         * @description One input's values in InvokeAI's batch.
         */
        InvokeAIBatchDatum: {
            /**
             * Field Name
             * @description Name of the input (InvokeAI's name).
             */
            field_name: string;
            /**
             * Items
             * @description The values, one per queue item.
             */
            items: unknown[];
            /**
             * Node Path
             * @description Id of the node.
             */
            node_path: string;
        };
        /**
         * InvokeAIEnqueue
         * @description The body InvokeAI's ``enqueue_batch`` takes; its graph is mapped onto Impasto's nodes.
         */
        InvokeAIEnqueue: {
            /** @description The batch. */
            batch: components["schemas"]["InvokeAIBatch"];
            /**
             * Prepend
             * @description Put the new items at the front of the queue.
             * @default false
             */
            prepend: boolean;
        };
        /**
         * InvokeAIWorkflowFile
         * @description An InvokeAI workflow file (what the export writes; InvokeAI's own schema says the rest).
         */
        InvokeAIWorkflowFile: {
            /**
             * Edges
             * @description Edges between node fields.
             */
            edges: {
                [key: string]: unknown;
            }[];
            /**
             * Exposedfields
             * @description The form's fields (for schema 3.0.0 readers).
             */
            exposedFields: {
                [key: string]: unknown;
            }[];
            /**
             * Form
             * @description The form builder's elements under one root container.
             */
            form: {
                [key: string]: unknown;
            };
            /**
             * Meta
             * @description The schema version ('4.0.0') and category.
             */
            meta: {
                [key: string]: unknown;
            };
            /**
             * Name
             * @description Name of the workflow.
             */
            name: string;
            /**
             * Nodes
             * @description Invocation and notes nodes, with positions.
             */
            nodes: {
                [key: string]: unknown;
            }[];
        } & {
            [key: string]: unknown;
        };
        /**
         * ItemIds
         * @description A list of queue item ids.
         */
        ItemIds: {
            /**
             * Item Ids
             * @description Ids of the items.
             */
            item_ids: number[];
        };
        /**
         * ItemPage
         * @description One page of queue items.
         */
        ItemPage: {
            /**
             * Items
             * @description The items of this page.
             */
            items: components["schemas"]["QueueItemSummary"][];
            /**
             * Limit
             * @description Largest page size asked for.
             */
            limit: number;
            /**
             * Offset
             * @description Index of the first item of this page.
             */
            offset: number;
            /**
             * Total
             * @description How many items match the filters.
             */
            total: number;
        };
        /**
         * ItemStatus
         * @description Life cycle of a queue item: pending → in_progress → completed | failed | canceled.
         * @enum {string}
         */
        ItemStatus: "pending" | "in_progress" | "completed" | "failed" | "canceled";
        /**
         * JobState
         * @description Life cycle of an install job: waiting → downloading → running → completed | error | canceled.
         *
         *     Local sources skip ``downloading``. ``running`` covers identification, hashing and copying.
         * @enum {string}
         */
        JobState: "waiting" | "downloading" | "running" | "completed" | "error" | "canceled";
        /**
         * LoraRef
         * @description A LoRA and the weight it was applied with.
         */
        LoraRef: {
            /**
             * Base
             * @description Base architecture, e.g. 'sd-1', 'sdxl', 'flux'.
             */
            base?: string | null;
            /**
             * Hash
             * @description Content hash, e.g. 'blake3:…', 'sha256:…' or an A1111 short hash.
             */
            hash?: string | null;
            /**
             * Key
             * @description Key of the installed model in Impasto's model manager.
             */
            key?: string | null;
            /**
             * Name
             * @description The model's name as the user sees it.
             */
            name?: string | null;
            /**
             * Weight
             * @description Strength the LoRA was applied with (1 is full strength).
             * @default 1
             */
            weight: number;
        };
        /**
         * LoraRequest
         * @description A LoRA to apply to the UNet and text encoder(s).
         */
        LoraRequest: {
            /**
             * Model
             * @description The LoRA: an installed model's key or name.
             */
            model: string;
            /**
             * Weight
             * @description How strongly to apply it (1 = as trained).
             * @default 0.75
             */
            weight: number;
        };
        /**
         * MetadataReport
         * @description An image's metadata: the raw text chunks and the parameters recalled from them.
         */
        MetadataReport: {
            /**
             * Chunks
             * @description Every metadata text of the file by chunk name.
             */
            chunks: {
                [key: string]: string;
            };
            /**
             * Image Name
             * @description The stored image, when it is one.
             */
            image_name?: string | null;
            /** @description Normalized parameters, with what could not be read. */
            recall: components["schemas"]["RecallParameters"];
        };
        /**
         * ModelCacheEmptied
         * @description Every model not in use was dropped from the cache (on request, or to recover from out-of-memory).
         */
        ModelCacheEmptied: {
            /**
             * Bytes
             * @description RAM bytes freed.
             */
            bytes: number;
            /**
             * Dropped
             * @description How many cache entries were dropped.
             */
            dropped: number;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default model_cache_emptied
             * @constant
             */
            type: "model_cache_emptied";
        };
        /**
         * ModelEvicted
         * @description The cache made room: a model left the execution device (it stays in RAM) or left RAM entirely.
         */
        ModelEvicted: {
            /**
             * Bytes
             * @description Bytes freed where it was evicted from.
             */
            bytes: number;
            /**
             * Key
             * @description Record key of the installed model.
             */
            key: string;
            /**
             * Submodel
             * @description Part of a main model (unet, vae...), or null for a whole model.
             */
            submodel: string | null;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default model_evicted
             * @constant
             */
            type: "model_evicted";
            /**
             * Where
             * @description 'device': moved off the execution device back to RAM; 'ram': dropped from the cache.
             * @enum {string}
             */
            where: "device" | "ram";
        };
        /**
         * ModelFormat
         * @description How a model is stored on disk.
         * @enum {string}
         */
        ModelFormat: "diffusers" | "checkpoint" | "lycoris" | "embedding_file" | "embedding_folder" | "gguf" | "bnb_nf4" | "spandrel" | "transformers" | "invokeai";
        /**
         * ModelIdentity
         * @description What a file or folder is, as far as can be told from headers, config JSON and key shapes.
         */
        ModelIdentity: {
            /** @description Architecture family. */
            base: components["schemas"]["BaseModelType"];
            /**
             * Details
             * @description Format-specific facts (LoRA rank, embedding tokens, upscaler architecture...).
             */
            details?: {
                [key: string]: unknown;
            };
            /** @description How it is stored. */
            format: components["schemas"]["ModelFormat"];
            /**
             * Name
             * @description Suggested name: the file or folder name without extension.
             */
            name: string;
            /**
             * Path
             * Format: path
             * @description The identified file or folder.
             */
            path: string;
            /** @description What the denoiser predicts. */
            prediction_type?: components["schemas"]["PredictionType"] | null;
            /**
             * Size
             * @description Bytes on disk (folders: all files).
             */
            size: number;
            /** @description What the model does. */
            type: components["schemas"]["ModelType"];
            /** @description Variant (inpaint, depth; FLUX dev/schnell/fill; SD 3.5 medium/large/large_turbo). */
            variant?: components["schemas"]["ModelVariant"] | null;
        };
        /**
         * ModelList
         * @description Installed models.
         */
        ModelList: {
            /**
             * Default Key
             * @description Key of the main model generations use when they name none (whatever the filters).
             */
            default_key?: string | null;
            /**
             * Models
             * @description The models, by type, base and name.
             */
            models: components["schemas"]["ModelRecord"][];
        };
        /**
         * ModelLoadCompleted
         * @description A model was read into RAM and is now in the model cache.
         */
        ModelLoadCompleted: {
            /**
             * Bytes
             * @description Size of its weights in bytes.
             */
            bytes: number;
            /**
             * Key
             * @description Record key of the installed model.
             */
            key: string;
            /**
             * Seconds
             * @description How long reading it took.
             */
            seconds: number;
            /**
             * Submodel
             * @description Part of a main model (unet, vae...), or null for a whole model.
             */
            submodel: string | null;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default model_load_completed
             * @constant
             */
            type: "model_load_completed";
        };
        /**
         * ModelLoadFailed
         * @description Reading a model failed; nothing was cached.
         */
        ModelLoadFailed: {
            /**
             * Error Message
             * @description Message of the error.
             */
            error_message: string;
            /**
             * Error Type
             * @description Type of the error.
             */
            error_type: string;
            /**
             * Key
             * @description Record key of the installed model.
             */
            key: string;
            /**
             * Submodel
             * @description Part of a main model (unet, vae...), or null for a whole model.
             */
            submodel: string | null;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default model_load_failed
             * @constant
             */
            type: "model_load_failed";
        };
        /**
         * ModelLoadStarted
         * @description A model (or one part of a main model) is being read from disk into RAM.
         */
        ModelLoadStarted: {
            /**
             * Key
             * @description Record key of the installed model.
             */
            key: string;
            /**
             * Submodel
             * @description Part of a main model (unet, vae...), or null for a whole model.
             */
            submodel: string | null;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default model_load_started
             * @constant
             */
            type: "model_load_started";
        };
        /**
         * ModelOverrides
         * @description Fields that replace what identification found (for the rare file it gets wrong).
         */
        ModelOverrides: {
            /** @description Architecture family to record instead. */
            base?: components["schemas"]["BaseModelType"] | null;
            /** @description Preferred generation settings. */
            default_settings?: components["schemas"]["DefaultSettings"] | null;
            /** @description Prediction type to record instead. */
            prediction_type?: components["schemas"]["PredictionType"] | null;
            /**
             * Trigger Words
             * @description Words that activate a LoRA or embedding.
             */
            trigger_words?: string[] | null;
            /** @description Model type to record instead. */
            type?: components["schemas"]["ModelType"] | null;
            /** @description Variant to record instead. */
            variant?: components["schemas"]["ModelVariant"] | null;
        };
        /**
         * ModelRecord
         * @description An installed model, as stored in the database.
         */
        ModelRecord: {
            /** @description Architecture family. */
            base: components["schemas"]["BaseModelType"];
            /**
             * Created At
             * Format: date-time
             * @description When it was installed.
             */
            created_at: string;
            /** @description Preferred generation settings. */
            default_settings?: components["schemas"]["DefaultSettings"] | null;
            /**
             * Description
             * @description Free-form description.
             * @default
             */
            description: string;
            /**
             * Details
             * @description Format-specific facts.
             */
            details?: {
                [key: string]: unknown;
            };
            /** @description How it is stored. */
            format: components["schemas"]["ModelFormat"];
            /**
             * Hash
             * @description Content hash, 'blake3:<hex>'.
             */
            hash: string;
            /**
             * Key
             * @description Stable unique id of the installed model.
             */
            key: string;
            /**
             * Name
             * @description Display name.
             */
            name: string;
            /**
             * Owned
             * @description True when the files live in the models folder and are removed with it.
             */
            owned: boolean;
            /**
             * Path
             * @description Absolute path, or a path relative to the models folder for owned models.
             */
            path: string;
            /** @description What the denoiser predicts. */
            prediction_type?: components["schemas"]["PredictionType"] | null;
            /**
             * Size
             * @description Bytes on disk.
             */
            size: number;
            /**
             * Source
             * @description Where it came from: a path, URL or Hugging Face id.
             */
            source: string;
            /**
             * Source Type
             * @description Kind of source.
             * @enum {string}
             */
            source_type: "path" | "url" | "hf" | "starter" | "bundled";
            /**
             * Trigger Words
             * @description Words that activate a LoRA or embedding.
             */
            trigger_words?: string[];
            /** @description What the model does. */
            type: components["schemas"]["ModelType"];
            /**
             * Updated At
             * Format: date-time
             * @description When the record last changed.
             */
            updated_at: string;
            /** @description Variant, if any. */
            variant?: components["schemas"]["ModelVariant"] | null;
        };
        /**
         * ModelRecordChanged
         * @description An installed model was added, changed or removed; clients should refresh their model lists.
         */
        ModelRecordChanged: {
            /**
             * Action
             * @description What happened to the record.
             * @enum {string}
             */
            action: "added" | "updated" | "deleted";
            /**
             * Key
             * @description Key of the model.
             */
            key: string;
            /**
             * Name
             * @description Name of the model.
             */
            name: string;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default model_record_changed
             * @constant
             */
            type: "model_record_changed";
        };
        /**
         * ModelRecordChanges
         * @description Editable fields of a record; fields left out are not changed. Name, description and trigger words
         *     cannot be null (every record has them); the others can, which clears them.
         */
        ModelRecordChanges: {
            /** @description Preferred generation settings. */
            default_settings?: components["schemas"]["DefaultSettings"] | null;
            /**
             * Description
             * @description Free-form description.
             */
            description?: string;
            /**
             * Name
             * @description Display name.
             */
            name?: string;
            /** @description Correct the identified prediction. */
            prediction_type?: components["schemas"]["PredictionType"] | null;
            /**
             * Trigger Words
             * @description Words that activate a LoRA or embedding.
             */
            trigger_words?: string[];
            /** @description Correct the identified variant. */
            variant?: components["schemas"]["ModelVariant"] | null;
        };
        /**
         * ModelRef
         * @description A model as an image records it: enough to find the same model again (by key, hash or name).
         */
        ModelRef: {
            /**
             * Base
             * @description Base architecture, e.g. 'sd-1', 'sdxl', 'flux'.
             */
            base?: string | null;
            /**
             * Hash
             * @description Content hash, e.g. 'blake3:…', 'sha256:…' or an A1111 short hash.
             */
            hash?: string | null;
            /**
             * Key
             * @description Key of the installed model in Impasto's model manager.
             */
            key?: string | null;
            /**
             * Name
             * @description The model's name as the user sees it.
             */
            name?: string | null;
        };
        /**
         * ModelType
         * @description What a model does.
         * @enum {string}
         */
        ModelType: "main" | "vae" | "lora" | "embedding" | "controlnet" | "t2i_adapter" | "ip_adapter" | "clip_vision" | "t5_encoder" | "clip_embed" | "upscaler" | "preprocessor" | "siglip" | "flux_redux";
        /**
         * ModelVariant
         * @description A variation of an architecture that changes how it is used.
         * @enum {string}
         */
        ModelVariant: "normal" | "inpaint" | "depth" | "dev" | "schnell" | "fill" | "kontext" | "medium" | "large" | "large_turbo";
        /**
         * MoveRequest
         * @description Images to move, and where.
         */
        MoveRequest: {
            /**
             * Board Id
             * @description The board to move them to; null or 'none' for no board.
             */
            board_id: string | null;
            /**
             * Image Names
             * @description Names of the images.
             */
            image_names: string[];
        };
        /**
         * NewBoard
         * @description A board to create.
         */
        NewBoard: {
            /**
             * Board Name
             * @description Its name.
             */
            board_name: string;
        };
        /**
         * NodeCompleted
         * @description A node finished, or its result came from the cache.
         */
        NodeCompleted: {
            /**
             * Cached
             * @description True when the result came from the cache and the node did not run.
             */
            cached: boolean;
            /**
             * Item Id
             * @description The queue item running the node (none outside the queue).
             */
            item_id: number | null;
            /**
             * Iteration
             * @description Element indices of the enclosing iterations, outermost first.
             */
            iteration: number[];
            /**
             * Node Id
             * @description Id of the node in the graph.
             */
            node_id: string;
            /**
             * Node Type
             * @description Type of the node.
             */
            node_type: string;
            /**
             * Output
             * @description The node's output values.
             */
            output: {
                [key: string]: unknown;
            };
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default node_completed
             * @constant
             */
            type: "node_completed";
        };
        /**
         * NodeFailed
         * @description A node raised an error; its item fails.
         */
        NodeFailed: {
            /**
             * Error Message
             * @description Message of the error.
             */
            error_message: string;
            /**
             * Error Type
             * @description Type of the error.
             */
            error_type: string;
            /**
             * Item Id
             * @description The queue item running the node (none outside the queue).
             */
            item_id: number | null;
            /**
             * Node Id
             * @description Id of the node in the graph.
             */
            node_id: string;
            /**
             * Node Type
             * @description Type of the node.
             */
            node_type: string;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default node_failed
             * @constant
             */
            type: "node_failed";
        };
        /**
         * NodeProgress
         * @description A running node reported progress.
         */
        NodeProgress: {
            /**
             * Item Id
             * @description The queue item running the node (none outside the queue).
             */
            item_id: number | null;
            /**
             * Message
             * @description What the node is doing.
             * @default null
             */
            message: string | null;
            /**
             * Node Id
             * @description Id of the node in the graph.
             */
            node_id: string;
            /**
             * Node Type
             * @description Type of the node.
             */
            node_type: string;
            /**
             * Percentage
             * @description Progress from 0 to 100, if known.
             * @default null
             */
            percentage: number | null;
            /**
             * Preview
             * @description A small preview image: {width, height, data_url}.
             * @default null
             */
            preview: {
                [key: string]: unknown;
            } | null;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default node_progress
             * @constant
             */
            type: "node_progress";
        };
        /**
         * NodeStarted
         * @description A node started running (nodes answered from the cache only send node_completed).
         */
        NodeStarted: {
            /**
             * Item Id
             * @description The queue item running the node (none outside the queue).
             */
            item_id: number | null;
            /**
             * Iteration
             * @description Element indices of the enclosing iterations, outermost first.
             */
            iteration: number[];
            /**
             * Node Id
             * @description Id of the node in the graph.
             */
            node_id: string;
            /**
             * Node Type
             * @description Type of the node.
             */
            node_type: string;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default node_started
             * @constant
             */
            type: "node_started";
        };
        /**
         * NodeView
         * @description How the editor shows one node of the graph (nothing here changes what the node does).
         */
        NodeView: {
            /**
             * Collapsed
             * @description Shown folded (header only).
             * @default false
             */
            collapsed: boolean;
            /**
             * Input Labels
             * @description Labels shown instead of the names of some of its inputs, keyed by input name.
             */
            input_labels?: {
                [key: string]: string;
            };
            /**
             * Label
             * @description Title shown instead of the node type's.
             * @default
             */
            label: string;
            /**
             * Notes
             * @description The user's notes on this node.
             * @default
             */
            notes: string;
            /** @description Where the node sits. */
            position: components["schemas"]["Position"];
        };
        /**
         * OpenInput
         * @description A required input that neither has a value nor is connected: the user fills it in before a run.
         */
        OpenInput: {
            /**
             * Field
             * @description Name of the input.
             */
            field: string;
            /**
             * Node Id
             * @description Id of the node.
             */
            node_id: string;
        };
        /**
         * OutpaintRequest
         * @description How far to extend the init image; the new borders are painted.
         */
        OutpaintRequest: {
            /**
             * Bottom
             * @description Pixels to add at the bottom.
             * @default 0
             */
            bottom: number;
            /**
             * Fill
             * @description Start the borders from stretched edge pixels, or from grey.
             * @default edge
             * @enum {string}
             */
            fill: "edge" | "color";
            /**
             * Left
             * @description Pixels to add on the left.
             * @default 0
             */
            left: number;
            /**
             * Right
             * @description Pixels to add on the right.
             * @default 0
             */
            right: number;
            /**
             * Top
             * @description Pixels to add at the top.
             * @default 0
             */
            top: number;
        };
        /**
         * PackInfo
         * @description A custom node pack and whether it loaded.
         */
        PackInfo: {
            /**
             * Error
             * @description Why it was skipped.
             */
            error?: string | null;
            /**
             * Loaded
             * @description Whether it loaded; a broken pack is skipped.
             */
            loaded: boolean;
            /**
             * Location
             * @description Path or entry point target.
             */
            location: string;
            /**
             * Name
             * @description Name of the pack (folder, file or entry point name).
             */
            name: string;
            /**
             * Nodes
             * @description Node types it registered.
             */
            nodes: string[];
            /**
             * Source
             * @description 'folder' or 'entry_point'.
             */
            source: string;
        };
        /**
         * PackStatus
         * @description The packs as loaded now, and those installed or removed since (a reload loads or drops them).
         */
        PackStatus: {
            /**
             * Message
             * @description What the last command did.
             */
            message: string;
            /**
             * Packs
             * @description Every pack, as loaded (or skipped) at the last load.
             */
            packs: components["schemas"]["PackInfo"][];
            /**
             * Pending
             * @description Packs whose files changed since the last load.
             */
            pending: string[];
        };
        /**
         * PlannedItem
         * @description What one queue item of the plan makes.
         */
        PlannedItem: {
            /**
             * Prompt
             * @description Its prompt (after styles and dynamic prompts).
             */
            prompt: string;
            /**
             * Seed
             * @description Seed of its noise.
             */
            seed: number;
        };
        /**
         * Position
         * @description A point on the editor's canvas (its pixels at zoom 1; y grows downwards).
         */
        Position: {
            /**
             * X
             * @description Horizontal position of the top-left corner.
             */
            x: number;
            /**
             * Y
             * @description Vertical position of the top-left corner.
             */
            y: number;
        };
        /**
         * PredictionType
         * @description What the denoiser predicts (it decides the scheduler configuration).
         * @enum {string}
         */
        PredictionType: "epsilon" | "v_prediction" | "flow";
        /**
         * QueueCleared
         * @description Items were removed in bulk (clear or prune); clients should reload their lists.
         */
        QueueCleared: {
            /** @description Items per state after the change. */
            counts: components["schemas"]["QueueCounts"];
            /**
             * Deleted
             * @description How many items were removed.
             */
            deleted: number;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default queue_cleared
             * @constant
             */
            type: "queue_cleared";
        };
        /**
         * QueueCounts
         * @description How many items are in each state.
         */
        QueueCounts: {
            /**
             * Canceled
             * @description Items that were canceled.
             * @default 0
             */
            canceled: number;
            /**
             * Completed
             * @description Items that finished successfully.
             * @default 0
             */
            completed: number;
            /**
             * Failed
             * @description Items that failed.
             * @default 0
             */
            failed: number;
            /**
             * In Progress
             * @description Items running now.
             * @default 0
             */
            in_progress: number;
            /**
             * Pending
             * @description Items waiting to run.
             * @default 0
             */
            pending: number;
            /**
             * Total
             * @description All items.
             * @default 0
             */
            total: number;
        };
        /**
         * QueueItem
         * @description A queue item with everything stored for it.
         */
        QueueItem: {
            /**
             * Attempts
             * @description How often the item was started (retries add one).
             * @default 1
             */
            attempts: number;
            /**
             * Batch Id
             * @description Id of the batch it belongs to.
             */
            batch_id: string;
            /**
             * Completed At
             * @description When it finished.
             */
            completed_at?: string | null;
            /**
             * Created At
             * Format: date-time
             * @description When it was enqueued.
             */
            created_at: string;
            /**
             * Destination
             * @description Where its results go.
             */
            destination?: string | null;
            /**
             * Error Message
             * @description Message of the error that failed the item.
             */
            error_message?: string | null;
            /**
             * Error Traceback
             * @description Traceback of the failure, for bug reports.
             */
            error_traceback?: string | null;
            /**
             * Error Type
             * @description Type of the error that failed the item.
             */
            error_type?: string | null;
            /**
             * Field Values
             * @description Batch values applied to the graph for this item.
             */
            field_values: components["schemas"]["FieldValue"][];
            /** @description The batch's graph (before the field values are applied). */
            graph: components["schemas"]["Graph"];
            /**
             * Interruptions
             * @description How often a crash, or a node that ignored a shutdown, interrupted this item.
             * @default 0
             */
            interruptions: number;
            /**
             * Item Id
             * @description Id of the item.
             */
            item_id: number;
            /**
             * Origin
             * @description Who enqueued it.
             */
            origin?: string | null;
            /**
             * Result
             * @description Outputs by node id, plus which nodes executed and which came from the cache.
             */
            result?: {
                [key: string]: unknown;
            } | null;
            /**
             * Started At
             * @description When it last started running.
             */
            started_at?: string | null;
            /** @description Current state. */
            status: components["schemas"]["ItemStatus"];
            /**
             * Updated At
             * Format: date-time
             * @description When it last changed.
             */
            updated_at: string;
            /**
             * Worker Id
             * @description Worker that ran (or runs) the item.
             */
            worker_id?: string | null;
            /**
             * Workflow
             * @description The editor workflow the graph came from.
             */
            workflow?: {
                [key: string]: unknown;
            } | null;
        };
        /**
         * QueueItemsCanceled
         * @description Items were canceled (one, a batch or all); a running one among them stops at its next check.
         */
        QueueItemsCanceled: {
            /** @description Items per state after the change. */
            counts: components["schemas"]["QueueCounts"];
            /**
             * Item Ids
             * @description The items that were canceled.
             */
            item_ids: number[];
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default queue_items_canceled
             * @constant
             */
            type: "queue_items_canceled";
        };
        /**
         * QueueItemStatusChanged
         * @description A queue item changed state (enqueued items start as pending and are announced by batch_enqueued).
         */
        QueueItemStatusChanged: {
            /**
             * Batch Id
             * @description Its batch.
             */
            batch_id: string;
            /** @description Items per state after the change. */
            counts: components["schemas"]["QueueCounts"];
            /**
             * Error Message
             * @description Message of the error, when the item failed.
             * @default null
             */
            error_message: string | null;
            /**
             * Error Type
             * @description Type of the error, when the item failed.
             * @default null
             */
            error_type: string | null;
            /**
             * Item Id
             * @description The item.
             */
            item_id: number;
            /** @description The new state. */
            status: components["schemas"]["ItemStatus"];
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default queue_item_status_changed
             * @constant
             */
            type: "queue_item_status_changed";
        };
        /**
         * QueueItemSummary
         * @description A queue item without its graph and outputs (what lists return).
         */
        QueueItemSummary: {
            /**
             * Attempts
             * @description How often the item was started (retries add one).
             * @default 1
             */
            attempts: number;
            /**
             * Batch Id
             * @description Id of the batch it belongs to.
             */
            batch_id: string;
            /**
             * Completed At
             * @description When it finished.
             */
            completed_at?: string | null;
            /**
             * Created At
             * Format: date-time
             * @description When it was enqueued.
             */
            created_at: string;
            /**
             * Destination
             * @description Where its results go.
             */
            destination?: string | null;
            /**
             * Error Message
             * @description Message of the error that failed the item.
             */
            error_message?: string | null;
            /**
             * Error Type
             * @description Type of the error that failed the item.
             */
            error_type?: string | null;
            /**
             * Field Values
             * @description Batch values applied to the graph for this item.
             */
            field_values: components["schemas"]["FieldValue"][];
            /**
             * Interruptions
             * @description How often a crash, or a node that ignored a shutdown, interrupted this item.
             * @default 0
             */
            interruptions: number;
            /**
             * Item Id
             * @description Id of the item.
             */
            item_id: number;
            /**
             * Origin
             * @description Who enqueued it.
             */
            origin?: string | null;
            /**
             * Started At
             * @description When it last started running.
             */
            started_at?: string | null;
            /** @description Current state. */
            status: components["schemas"]["ItemStatus"];
            /**
             * Updated At
             * Format: date-time
             * @description When it last changed.
             */
            updated_at: string;
            /**
             * Worker Id
             * @description Worker that ran (or runs) the item.
             */
            worker_id?: string | null;
        };
        /**
         * QueueStatus
         * @description The queue and its worker at a glance.
         */
        QueueStatus: {
            /** @description Items per state. */
            counts: components["schemas"]["QueueCounts"];
            /**
             * Current Item Id
             * @description The item the worker is running, if any.
             */
            current_item_id?: number | null;
            /**
             * Paused
             * @description Whether the worker is paused.
             */
            paused: boolean;
            /**
             * Worker Id
             * @description Name of this process's worker.
             */
            worker_id: string;
        };
        /**
         * RecallParameters
         * @description Parameters recalled from an image's metadata, whichever tool wrote it.
         */
        RecallParameters: {
            /**
             * App
             * @description The application and version that wrote the metadata.
             */
            app?: string | null;
            /**
             * Cfg Rescale
             * @description CFG rescale multiplier (0 is off).
             */
            cfg_rescale?: number | null;
            /**
             * Cfg Scale
             * @description Classifier-free guidance scale.
             */
            cfg_scale?: number | null;
            /** @description A separate CLIP-L text encoder (FLUX, SD 3), if one replaced or completed the model's. */
            clip_embed?: components["schemas"]["ModelRef"] | null;
            /**
             * Clip Skip
             * @description Text-encoder layers skipped; 0 skips none (A1111's 'Clip skip: 2' is 1 here).
             */
            clip_skip?: number | null;
            /**
             * Control
             * @description ControlNets and adapters that guided the generation.
             */
            control?: components["schemas"]["ControlUnit"][];
            /**
             * Extra
             * @description Values the source wrote that have no field here, by their key.
             */
            extra?: {
                [key: string]: unknown;
            };
            /**
             * Guidance
             * @description Distilled guidance of FLUX models.
             */
            guidance?: number | null;
            /**
             * Height
             * @description Height of the generated image in pixels.
             */
            height?: number | null;
            /**
             * Hires Height
             * @description Final height after the high-resolution fix.
             */
            hires_height?: number | null;
            /**
             * Hires Scale
             * @description Upscale factor of a high-resolution fix pass.
             */
            hires_scale?: number | null;
            /**
             * Hires Steps
             * @description Steps of the high-resolution fix pass.
             */
            hires_steps?: number | null;
            /**
             * Hires Strength
             * @description Denoising strength of the high-resolution pass.
             */
            hires_strength?: number | null;
            /**
             * Hires Upscaler
             * @description Upscaler of the high-resolution fix pass.
             */
            hires_upscaler?: string | null;
            /**
             * Hires Width
             * @description Final width after the high-resolution fix.
             */
            hires_width?: number | null;
            /**
             * Init Image
             * @description Name of the initial image of image-to-image.
             */
            init_image?: string | null;
            /**
             * Loras
             * @description LoRAs applied, in order.
             */
            loras?: components["schemas"]["LoraRef"][];
            /**
             * Mode
             * @description How the image was made: 'txt2img', 'img2img', 'inpaint' or 'outpaint'.
             */
            mode?: string | null;
            /** @description The main model. */
            model?: components["schemas"]["ModelRef"] | null;
            /**
             * Negative Prompt
             * @description The negative prompt.
             */
            negative_prompt?: string | null;
            /**
             * Negative Style Prompt
             * @description SDXL's second negative prompt.
             */
            negative_style_prompt?: string | null;
            /**
             * Positive Prompt
             * @description The prompt.
             */
            positive_prompt?: string | null;
            /**
             * Positive Style Prompt
             * @description SDXL's second (style) prompt.
             */
            positive_style_prompt?: string | null;
            /**
             * Reference Image
             * @description Name of the reference image a FLUX.1 Kontext model edited.
             */
            reference_image?: string | null;
            /**
             * Refiner Cfg Scale
             * @description CFG scale of the refiner pass.
             */
            refiner_cfg_scale?: number | null;
            /** @description SDXL refiner model. */
            refiner_model?: components["schemas"]["ModelRef"] | null;
            /**
             * Refiner Negative Aesthetic Score
             * @description Aesthetic score the refiner was conditioned on for the negative prompt.
             */
            refiner_negative_aesthetic_score?: number | null;
            /**
             * Refiner Positive Aesthetic Score
             * @description Aesthetic score the refiner was conditioned on for the prompt.
             */
            refiner_positive_aesthetic_score?: number | null;
            /**
             * Refiner Scheduler
             * @description Scheduler of the refiner pass.
             */
            refiner_scheduler?: string | null;
            /**
             * Refiner Start
             * @description Fraction of the steps after which the refiner took over (A1111 'switch at').
             */
            refiner_start?: number | null;
            /**
             * Refiner Steps
             * @description Steps of the refiner pass.
             */
            refiner_steps?: number | null;
            /**
             * Sampler
             * @description The sampler as the source tool named it (e.g. 'DPM++ 2M', 'euler_ancestral').
             */
            sampler?: string | null;
            /**
             * Scheduler
             * @description Impasto's scheduler name, e.g. 'euler', 'euler_a', 'dpmpp_2m_k' (Karras).
             */
            scheduler?: string | null;
            /**
             * Seamless X
             * @description Whether the image tiles horizontally.
             */
            seamless_x?: boolean | null;
            /**
             * Seamless Y
             * @description Whether the image tiles vertically.
             */
            seamless_y?: boolean | null;
            /**
             * Seed
             * @description Seed of the initial noise.
             */
            seed?: number | null;
            /**
             * Source
             * @description The tool whose metadata was read.
             */
            source?: ("impasto" | "invokeai" | "a1111" | "comfyui") | null;
            /**
             * Steps
             * @description Number of denoising steps.
             */
            steps?: number | null;
            /**
             * Strength
             * @description Denoising strength of image-to-image and inpainting (1 replaces everything).
             */
            strength?: number | null;
            /** @description A separate T5 text encoder (FLUX, SD 3), if one replaced or completed the model's. */
            t5_encoder?: components["schemas"]["ModelRef"] | null;
            /**
             * Unread
             * @description What was present but could not be read, in words.
             */
            unread?: string[];
            /** @description A separate VAE, if one replaced the model's own. */
            vae?: components["schemas"]["ModelRef"] | null;
            /**
             * Width
             * @description Width of the generated image in pixels.
             */
            width?: number | null;
        };
        /**
         * ReferenceImageRequest
         * @description A reference image an IP-Adapter turns into extra attention tokens, so the image takes on its style,
         *     its composition or both (SD 1.x, 2.x and SDXL); for FLUX, FLUX Redux turns it into extra prompt tokens.
         */
        ReferenceImageRequest: {
            /**
             * Begin
             * @description Fraction of the steps at which the adapter starts.
             * @default 0
             */
            begin: number;
            /**
             * End
             * @description Fraction of the steps at which the adapter stops.
             * @default 1
             */
            end: number;
            /**
             * Image
             * @description Name of the stored reference image.
             */
            image: string;
            /**
             * Image Influence
             * @description FLUX Redux only: how much of the reference the image follows (highest, the default: all of its tokens; lower: its token grid merged 2x2 up to 5x5, as InvokeAI's image influence).
             */
            image_influence?: ("lowest" | "low" | "medium" | "high" | "highest") | null;
            /**
             * Method
             * @description What to take from the reference: everything, its style or its layout.
             * @default full
             * @enum {string}
             */
            method: "full" | "style" | "composition";
            /**
             * Model
             * @description The IP-Adapter (SD 1.x, 2.x, SDXL) or FLUX Redux model (FLUX): an installed model's key or name, of the main model's base.
             */
            model: string;
            /**
             * Weight
             * @description How strongly the reference steers the image.
             * @default 1
             */
            weight: number;
        };
        /**
         * RefinerRequest
         * @description An SDXL refiner that takes over the last part of the denoising.
         */
        RefinerRequest: {
            /**
             * Cfg Scale
             * @description Guidance of the refiner; empty: the base's.
             */
            cfg_scale?: number | null;
            /**
             * Model
             * @description The refiner: an installed SDXL refiner's key or name.
             */
            model: string;
            /**
             * Negative Aesthetic Score
             * @description Aesthetic score for the negative prompt.
             * @default 2.5
             */
            negative_aesthetic_score: number;
            /**
             * Positive Aesthetic Score
             * @description Aesthetic score for the prompt.
             * @default 6
             */
            positive_aesthetic_score: number;
            /**
             * Scheduler
             * @description Scheduler of the refiner; empty: the base's.
             */
            scheduler?: string | null;
            /**
             * Start
             * @description Fraction of the schedule after which the refiner takes over.
             * @default 0.8
             */
            start: number;
            /**
             * Steps
             * @description Steps of the refiner's schedule; empty: the base's.
             */
            steps?: number | null;
        };
        /**
         * RegionRequest
         * @description A region of the image with its own prompts and reference images (regional prompting).
         *
         *     The request's own prompt covers what no region covers. A region's prompt is used as written (dynamic
         *     prompts and style presets apply to the request's prompt only).
         */
        RegionRequest: {
            /**
             * Auto Negative
             * @description Also use the region's prompt as a negative prompt outside the region.
             * @default false
             */
            auto_negative: boolean;
            /**
             * Mask
             * @description Name of a stored mask image of the output's size (the canvas's box): white is the region, black is not, grey in between.
             */
            mask: string;
            /**
             * Negative Prompt
             * @description What the region should not show; empty: none.
             * @default
             */
            negative_prompt: string;
            /**
             * Prompt
             * @description What the region shows; empty: none.
             * @default
             */
            prompt: string;
            /**
             * Reference Images
             * @description IP-Adapter reference images applied in the region.
             */
            reference_images?: components["schemas"]["ReferenceImageRequest"][];
        };
        /**
         * Retried
         * @description Items that were put back in the queue.
         */
        Retried: {
            /**
             * Retried
             * @description Ids of the failed or canceled items that are pending again.
             */
            retried: number[];
        };
        /**
         * ScanEntry
         * @description One model-like file or folder found by a scan.
         */
        ScanEntry: {
            /**
             * Error
             * @description Why it is not installable, when identification failed.
             */
            error?: string | null;
            /**
             * Error Code
             * @description Kind of that error, e.g. 'unrecognised_model'.
             */
            error_code?: string | null;
            /** @description The model type that tree folder holds. */
            expected_type?: components["schemas"]["ModelType"] | null;
            /** @description What it is, when identification succeeded. */
            identity?: components["schemas"]["ModelIdentity"] | null;
            /**
             * Installed Key
             * @description Key of its record, when installed already.
             */
            installed_key?: string | null;
            /**
             * Path
             * @description Absolute path of the file or folder.
             */
            path: string;
            /**
             * Tree Folder
             * @description The AUTOMATIC1111 or ComfyUI folder it was found in, e.g. 'models/Lora'.
             */
            tree_folder?: string | null;
        };
        /**
         * ScanInstallRequest
         * @description What to install from a scanned folder.
         */
        ScanInstallRequest: {
            /**
             * Inplace
             * @description Leave the files where they are (off: copy into the models folder).
             * @default true
             */
            inplace: boolean;
            /**
             * Path
             * @description The scanned folder.
             */
            path: string;
            /**
             * Paths
             * @description Files and folders of the scan to install; empty means every installable entry.
             */
            paths?: string[] | null;
        };
        /**
         * ScanRequest
         * @description A folder to scan.
         */
        ScanRequest: {
            /**
             * Path
             * @description Folder on the server's machine (an A1111 or ComfyUI tree works).
             */
            path: string;
        };
        /**
         * ScanResult
         * @description Everything model-like below a folder.
         */
        ScanResult: {
            /**
             * Entries
             * @description What was found, by path.
             */
            entries: components["schemas"]["ScanEntry"][];
            /**
             * Folder
             * @description The scanned folder (absolute).
             */
            folder: string;
            /**
             * Layout
             * @description Recognised tree: AUTOMATIC1111, ComfyUI, or a plain folder.
             * @enum {string}
             */
            layout: "a1111" | "comfyui" | "folder";
            /**
             * Truncated
             * @description True when the scan stopped at its limit of entries.
             * @default false
             */
            truncated: boolean;
        };
        /**
         * SkippedPreset
         * @description A preset an import left out, and why.
         */
        SkippedPreset: {
            /**
             * Name
             * @description Its name.
             */
            name: string;
            /**
             * Reason
             * @description Why it was not imported.
             */
            reason: string;
        };
        /**
         * StarterInstallRequest
         * @description Starter models to install.
         */
        StarterInstallRequest: {
            /**
             * Dependencies
             * @description Also install the starters they depend on.
             * @default true
             */
            dependencies: boolean;
            /**
             * Ids
             * @description Ids of the starter models.
             */
            ids: string[];
        };
        /**
         * StarterStatus
         * @description A starter model and whether it is installed.
         */
        StarterStatus: {
            /** @description Architecture family. */
            base: components["schemas"]["BaseModelType"];
            /** @description Generation settings that suit this model better than its base's defaults. */
            default_settings?: components["schemas"]["DefaultSettings"] | null;
            /**
             * Dependencies
             * @description Ids of starters it needs or likes.
             */
            dependencies?: string[];
            /**
             * Description
             * @description What it is good for.
             */
            description: string;
            /**
             * Gated
             * @description The repository needs an accepted licence and a hub token.
             * @default false
             */
            gated: boolean;
            /**
             * Id
             * @description Stable id of the starter model.
             */
            id: string;
            /**
             * Installed
             * @description True when a model with this source is installed.
             */
            installed: boolean;
            /**
             * Model Key
             * @description Key of the installed model.
             */
            model_key?: string | null;
            /**
             * Name
             * @description Display name.
             */
            name: string;
            /**
             * Size Gb
             * @description Approximate download size in GB.
             */
            size_gb: number;
            /**
             * Source
             * @description Where it is installed from: a Hugging Face id, a URL or 'bundled:NAME'.
             */
            source: string;
            /** @description What the model does. */
            type: components["schemas"]["ModelType"];
        };
        /**
         * StickyNote
         * @description A note on the canvas that belongs to no node.
         */
        StickyNote: {
            /**
             * Id
             * @description Unique among notes and graph nodes.
             */
            id: string;
            /** @description Where the note sits. */
            position: components["schemas"]["Position"];
            /**
             * Text
             * @description What it says.
             * @default
             */
            text: string;
        };
        /**
         * StyledPrompt
         * @description A prompt and negative prompt with a style preset applied.
         */
        StyledPrompt: {
            /**
             * Negative Prompt
             * @description The styled negative prompt.
             */
            negative_prompt: string;
            /**
             * Positive Prompt
             * @description The styled prompt.
             */
            positive_prompt: string;
        };
        /**
         * StylePreset
         * @description A stored (user) or built-in style preset.
         */
        StylePreset: {
            /**
             * Created At
             * @description When it was created (built-ins: none).
             */
            created_at?: string | null;
            /**
             * Id
             * @description Stable id; built-in presets' ids start with 'builtin-'.
             */
            id: string;
            /**
             * Name
             * @description Unique name.
             */
            name: string;
            /**
             * Negative Prompt
             * @description Template for the negative prompt; may hold {prompt}.
             */
            negative_prompt: string;
            /**
             * Positive Prompt
             * @description Template for the prompt; may hold {prompt}.
             */
            positive_prompt: string;
            /**
             * Type
             * @description 'builtin' presets ship with Impasto and are read-only.
             * @enum {string}
             */
            type: "user" | "builtin";
            /**
             * Updated At
             * @description When it last changed (built-ins: none).
             */
            updated_at?: string | null;
        };
        /**
         * StylePresetChanged
         * @description A style preset was created, changed or deleted; clients should refresh their preset lists.
         */
        StylePresetChanged: {
            /**
             * Action
             * @description What happened to the preset.
             * @enum {string}
             */
            action: "created" | "updated" | "deleted";
            /**
             * Name
             * @description Name of the preset (after the change).
             */
            name: string;
            /**
             * Preset Id
             * @description Id of the preset.
             */
            preset_id: string;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default style_preset_changed
             * @constant
             */
            type: "style_preset_changed";
        };
        /**
         * StylePresetChanges
         * @description Fields to change; those left out (or null) stay as they are. Blanking both templates is refused
         *     here; blanking the one template a preset has is refused by the service (it conflicts with the other).
         */
        StylePresetChanges: {
            /**
             * Name
             * @description New unique name.
             */
            name?: string | null;
            /**
             * Negative Prompt
             * @description New negative template.
             */
            negative_prompt?: string | null;
            /**
             * Positive Prompt
             * @description New prompt template.
             */
            positive_prompt?: string | null;
        };
        /**
         * StylePresetExport
         * @description User presets as a file holds them.
         */
        StylePresetExport: {
            /**
             * Style Presets
             * @description Names and templates.
             */
            style_presets: components["schemas"]["StylePresetFields"][];
        };
        /**
         * StylePresetFields
         * @description A preset's name and templates; ``{prompt}`` in a template marks where the user's prompt goes.
         */
        StylePresetFields: {
            /**
             * Name
             * @description Unique name (any case).
             */
            name: string;
            /**
             * Negative Prompt
             * @description Template for the negative prompt; may hold {prompt}.
             * @default
             */
            negative_prompt: string;
            /**
             * Positive Prompt
             * @description Template for the prompt; may hold {prompt}.
             * @default
             */
            positive_prompt: string;
        } & ({
            positive_prompt: string;
        } | {
            negative_prompt: string;
        });
        /**
         * StylePresetImportRequest
         * @description Presets to create; the ``style_presets`` of an export (InvokeAI's ``prompt`` key is accepted).
         *
         *     Entries are objects checked one by one on import, so one bad entry is reported, not fatal.
         */
        StylePresetImportRequest: {
            /**
             * Style Presets
             * @description The presets: objects with name, positive_prompt (or prompt) and negative_prompt.
             */
            style_presets: {
                [key: string]: unknown;
            }[];
        };
        /**
         * StylePresetList
         * @description Style presets.
         */
        StylePresetList: {
            /**
             * Presets
             * @description Built-in presets first, then the user's by name.
             */
            presets: components["schemas"]["StylePreset"][];
        };
        /**
         * T2IAdapterRequest
         * @description A T2I-Adapter unit.
         */
        T2IAdapterRequest: {
            /**
             * Begin
             * @description Fraction of the steps at which the control starts.
             * @default 0
             */
            begin: number;
            /**
             * End
             * @description Fraction of the steps at which the control stops.
             * @default 1
             */
            end: number;
            /**
             * Image
             * @description Name of the stored control image.
             */
            image: string;
            /**
             * Model
             * @description The control model: an installed model's key or name.
             */
            model: string;
            /**
             * Preprocessor
             * @description Turns the image into a control image first (none: it is one already).
             * @default none
             * @enum {string}
             */
            preprocessor: "none" | "canny" | "content_shuffle" | "color_map" | "lineart_standard" | "tile" | "depth" | "normal" | "hed" | "lineart" | "lineart_anime" | "pidi" | "mlsd" | "openpose";
            /**
             * Preprocessor Model
             * @description The model of a learned preprocessor (depth, normal, hed, lineart, lineart_anime, pidi, mlsd, openpose): an installed preprocessor model's key or name; empty: the first installed one (by name) that fits.
             */
            preprocessor_model?: string | null;
            /**
             * Preprocessor Options
             * @description Inputs of the preprocessor node, e.g. {'low_threshold': 50} for canny.
             */
            preprocessor_options?: {
                [key: string]: unknown;
            };
            /**
             * Resize Mode
             * @description How the control image is fitted to the output size.
             * @default just_resize
             * @enum {string}
             */
            resize_mode: "just_resize" | "crop_resize" | "fill_resize" | "just_resize_simple";
            /**
             * Weight
             * @description How strongly the control guides the image.
             * @default 1
             */
            weight: number;
        };
        /**
         * TagCount
         * @description A tag and how many workflows carry it.
         */
        TagCount: {
            /**
             * Count
             * @description Workflows with the tag.
             */
            count: number;
            /**
             * Tag
             * @description The tag (as first written).
             */
            tag: string;
        };
        /**
         * TextElement
         * @description A paragraph of text (instructions for the user).
         */
        TextElement: {
            /**
             * Id
             * @description Unique id of the element; its key in the form's elements.
             */
            id: string;
            /**
             * Text
             * @description The text.
             */
            text: string;
            /**
             * @description Kind of element. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            type: "text";
        };
        /**
         * ThumbnailRequest
         * @description The stored image to show for a workflow.
         */
        ThumbnailRequest: {
            /**
             * Image Name
             * @description Name of a stored image.
             */
            image_name: string;
        };
        /**
         * Updated
         * @description Images that were changed.
         */
        Updated: {
            /**
             * Images
             * @description The changed records, as they are now.
             */
            images: components["schemas"]["ImageRecord"][];
        };
        /**
         * UpscaleRequest
         * @description One image to enlarge, the model and how.
         */
        UpscaleRequest: {
            /**
             * Board Id
             * @description Board for the result (none: Uncategorized).
             */
            board_id?: string | null;
            /** @description Refine the enlargement with a main model in tiles (none: the upscaler alone). */
            creative?: components["schemas"]["CreativeUpscale"] | null;
            /**
             * Image
             * @description Name of the stored image to upscale.
             */
            image: string;
            /**
             * Model
             * @description Key or name of an installed upscaler model.
             */
            model: string;
            /**
             * Prepend
             * @description Put the item at the front of the queue.
             * @default false
             */
            prepend: boolean;
            /**
             * Scale
             * @description Final size as a multiple of the image's; 0: the model's factor.
             * @default 0
             */
            scale: number;
            /**
             * Tile Overlap
             * @description Pixels neighbouring tiles share.
             * @default 32
             */
            tile_overlap: number;
            /**
             * Tile Size
             * @description Side of the tiles the model sees (input pixels); 0: no tiling.
             * @default 512
             */
            tile_size: number;
        };
        /**
         * UpscaleResult
         * @description The queue item an upscale request made.
         */
        UpscaleResult: {
            /**
             * Batch Id
             * @description Id of the new batch.
             */
            batch_id: string;
            /**
             * Height
             * @description Height of the result, in pixels.
             */
            height: number;
            /**
             * Item Id
             * @description Id of the queue item.
             */
            item_id: number;
            /**
             * Model Key
             * @description Key of the upscaler model used.
             */
            model_key: string;
            /**
             * Width
             * @description Width of the result, in pixels.
             */
            width: number;
        };
        /**
         * ValidationResult
         * @description The outcome of validating a graph.
         */
        ValidationResult: {
            /**
             * Issues
             * @description Every problem found (empty when valid).
             */
            issues: components["schemas"]["GraphIssue"][];
            /**
             * Valid
             * @description True when the graph can run.
             */
            valid: boolean;
        };
        /**
         * WildcardList
         * @description Wildcard files available to dynamic prompts.
         */
        WildcardList: {
            /**
             * Wildcards
             * @description Names to use as __name__ (dir/name for sub-folders).
             */
            wildcards: string[];
        };
        /**
         * WorkerStatusChanged
         * @description The queue worker was paused or resumed.
         */
        WorkerStatusChanged: {
            /**
             * Paused
             * @description Whether it is paused now.
             */
            paused: boolean;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default worker_status_changed
             * @constant
             */
            type: "worker_status_changed";
            /**
             * Worker Id
             * @description The worker.
             */
            worker_id: string;
        };
        /**
         * WorkflowChanged
         * @description A workflow was created, changed (its document or thumbnail) or deleted; libraries should refresh.
         */
        WorkflowChanged: {
            /**
             * Action
             * @description What happened to it.
             * @enum {string}
             */
            action: "created" | "updated" | "deleted";
            /**
             * Name
             * @description Name of the workflow (after the change).
             */
            name: string;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Type
             * @description Kind of event.
             * @default workflow_changed
             * @constant
             */
            type: "workflow_changed";
            /**
             * Workflow Id
             * @description Id of the workflow.
             */
            workflow_id: string;
        };
        /**
         * WorkflowChanges
         * @description Parts of a workflow to replace; those left out (or null) stay as they are. The result is checked
         *     as a whole, as a new workflow would be.
         */
        WorkflowChanges: {
            /**
             * Author
             * @description New author.
             */
            author?: string | null;
            /**
             * Description
             * @description New description.
             */
            description?: string | null;
            /** @description New form (the linear view). */
            form?: components["schemas"]["WorkflowForm"] | null;
            /** @description New graph. */
            graph?: components["schemas"]["Graph"] | null;
            /**
             * Layout
             * @description New layout of the graph's nodes.
             */
            layout?: {
                [key: string]: components["schemas"]["NodeView"];
            } | null;
            /**
             * Name
             * @description New name.
             */
            name?: string | null;
            /**
             * Notes
             * @description New notes.
             */
            notes?: string | null;
            /**
             * Remove Form
             * @description Drop the form (the workflow has no linear view then).
             * @default false
             */
            remove_form: boolean;
            /**
             * Sticky Notes
             * @description New notes.
             */
            sticky_notes?: components["schemas"]["StickyNote"][] | null;
            /**
             * Tags
             * @description New tags (all of them).
             */
            tags?: string[] | null;
        };
        /**
         * WorkflowDocument
         * @description A workflow as the editor saves it and a file holds it.
         */
        WorkflowDocument: {
            /**
             * Author
             * @description Who made it.
             * @default
             */
            author: string;
            /**
             * Contact
             * @description How to reach its author (an address or a page).
             * @default
             */
            contact: string;
            /**
             * Description
             * @description What it does, for the library.
             * @default
             */
            description: string;
            /** @description The linear view, if the workflow has one. */
            form?: components["schemas"]["WorkflowForm"] | null;
            /**
             * Format
             * @description Kind of document.
             * @default impasto.workflow
             * @constant
             */
            format: "impasto.workflow";
            /** @description The graph that runs: nodes keyed by id, and edges. */
            graph: components["schemas"]["Graph"];
            /**
             * Layout
             * @description How each graph node is shown, keyed by node id.
             */
            layout?: {
                [key: string]: components["schemas"]["NodeView"];
            };
            /**
             * Name
             * @description Name of the workflow.
             */
            name: string;
            /**
             * Notes
             * @description Longer notes on how to use it.
             * @default
             */
            notes: string;
            /**
             * Schema Version
             * @description Version of this document's layout (this Impasto reads 1.0.0).
             * @default 1.0.0
             * @constant
             */
            schema_version: "1.0.0";
            /**
             * Sticky Notes
             * @description Notes on the canvas.
             */
            sticky_notes?: components["schemas"]["StickyNote"][];
            /**
             * Tags
             * @description Tags to find it by (repeats are dropped).
             */
            tags?: string[];
            /**
             * Version
             * @description The workflow's own version, as its author numbers it.
             * @default
             */
            version: string;
        };
        /**
         * WorkflowForm
         * @description The linear view: a tree of elements under one root container.
         */
        WorkflowForm: {
            /**
             * Elements
             * @description Every element, keyed by its id.
             */
            elements: {
                [key: string]: components["schemas"]["ContainerElement"] | components["schemas"]["FieldElement"] | components["schemas"]["HeadingElement"] | components["schemas"]["TextElement"] | components["schemas"]["DividerElement"];
            };
            /**
             * Root Id
             * @description Id of the root element (a container).
             */
            root_id: string;
        };
        /**
         * WorkflowImport
         * @description An imported workflow as saved, and what of the file could not be carried over.
         */
        WorkflowImport: {
            /** @description Where the file came from and every node, field, edge or form element left out. */
            report: components["schemas"]["ImportReport"];
            /** @description The saved workflow. */
            workflow: components["schemas"]["WorkflowRecord"];
        };
        /**
         * WorkflowIssue
         * @description One problem in a workflow, located precisely enough for the editor to show it.
         */
        WorkflowIssue: {
            /**
             * Code
             * @description Stable kind of problem, e.g. 'unknown_node_type' or 'unknown_element'.
             */
            code: string;
            /**
             * Element Id
             * @description The form element or note concerned, if any.
             */
            element_id?: string | null;
            /**
             * Field
             * @description The node's field concerned, if any.
             */
            field?: string | null;
            /**
             * Message
             * @description What is wrong, in words.
             */
            message: string;
            /**
             * Node Id
             * @description The graph node concerned, if any.
             */
            node_id?: string | null;
            /**
             * Part
             * @description Where the problem is: the graph, the layout, the notes or the form.
             * @enum {string}
             */
            part: "graph" | "layout" | "sticky_notes" | "form";
        };
        /**
         * WorkflowOrder
         * @description What a listing is sorted by.
         * @enum {string}
         */
        WorkflowOrder: "name" | "created_at" | "updated_at" | "opened_at";
        /**
         * WorkflowPage
         * @description One page of a workflow listing.
         */
        WorkflowPage: {
            /**
             * Items
             * @description The workflows of this page.
             */
            items: components["schemas"]["WorkflowSummary"][];
            /**
             * Limit
             * @description Largest page size asked for.
             */
            limit: number;
            /**
             * Offset
             * @description Index of the first workflow of this page.
             */
            offset: number;
            /**
             * Total
             * @description How many workflows match the filters.
             */
            total: number;
        };
        /**
         * WorkflowRecord
         * @description A stored workflow with its document.
         */
        WorkflowRecord: {
            /**
             * Author
             * @description Who made it.
             */
            author: string;
            /**
             * Category
             * @description 'default' workflows ship with Impasto and are read-only.
             * @enum {string}
             */
            category: "user" | "default";
            /**
             * Created At
             * Format: date-time
             * @description When it was created (default ones: first installed).
             */
            created_at: string;
            /**
             * Description
             * @description What it does.
             */
            description: string;
            /**
             * Id
             * @description Stable id; default workflows' ids start with 'default-'.
             */
            id: string;
            /**
             * Issues
             * @description Problems with the nodes registered now, such as a node type whose custom node pack was removed since the workflow was saved (empty when it still fits).
             */
            issues?: components["schemas"]["WorkflowIssue"][];
            /**
             * Name
             * @description Name of the workflow.
             */
            name: string;
            /**
             * Open Inputs
             * @description Required inputs left empty (such as the model of a default workflow): to be filled in before the graph can run.
             */
            open_inputs: components["schemas"]["OpenInput"][];
            /**
             * Opened At
             * @description When it was last opened (none: never).
             */
            opened_at?: string | null;
            /**
             * Tags
             * @description Tags to find it by.
             */
            tags: string[];
            /**
             * Thumbnail
             * @description Name of the stored image shown for it, if any.
             */
            thumbnail?: string | null;
            /**
             * Updated At
             * Format: date-time
             * @description When it last changed.
             */
            updated_at: string;
            /** @description The workflow document. */
            workflow: components["schemas"]["WorkflowDocument"];
        };
        /**
         * WorkflowSummary
         * @description A workflow as the library lists it (without its graph).
         */
        WorkflowSummary: {
            /**
             * Author
             * @description Who made it.
             */
            author: string;
            /**
             * Category
             * @description 'default' workflows ship with Impasto and are read-only.
             * @enum {string}
             */
            category: "user" | "default";
            /**
             * Created At
             * Format: date-time
             * @description When it was created (default ones: first installed).
             */
            created_at: string;
            /**
             * Description
             * @description What it does.
             */
            description: string;
            /**
             * Id
             * @description Stable id; default workflows' ids start with 'default-'.
             */
            id: string;
            /**
             * Name
             * @description Name of the workflow.
             */
            name: string;
            /**
             * Opened At
             * @description When it was last opened (none: never).
             */
            opened_at?: string | null;
            /**
             * Tags
             * @description Tags to find it by.
             */
            tags: string[];
            /**
             * Thumbnail
             * @description Name of the stored image shown for it, if any.
             */
            thumbnail?: string | null;
            /**
             * Updated At
             * Format: date-time
             * @description When it last changed.
             */
            updated_at: string;
        };
        /**
         * ZipProgress
         * @description A ZIP download of many images advanced (sent for large downloads only, and when it ends).
         */
        ZipProgress: {
            /**
             * Done
             * @description Images written into the ZIP so far.
             */
            done: number;
            /**
             * Finished
             * @description Whether the ZIP is complete.
             */
            finished: boolean;
            /**
             * Timestamp
             * Format: date-time
             * @description When it happened (UTC).
             */
            timestamp?: string;
            /**
             * Total
             * @description Images the ZIP will hold.
             */
            total: number;
            /**
             * Type
             * @description Kind of event.
             * @default zip_progress
             * @constant
             */
            type: "zip_progress";
            /**
             * Zip Id
             * @description Id of the download (the X-Impasto-Zip-Id header of its response).
             */
            zip_id: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_boards_api_v1_boards_get: {
        parameters: {
            query?: {
                /** @description Also list archived boards. */
                include_archived?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoardRecord"][];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_board_api_v1_boards_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewBoard"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoardRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_board_api_v1_boards__board_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                board_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoardRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_board_api_v1_boards__board_id__delete: {
        parameters: {
            query?: {
                /** @description Delete its images too (otherwise they move to Uncategorized). */
                delete_images?: boolean;
            };
            header?: never;
            path: {
                board_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoardDeleted"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_board_api_v1_boards__board_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                board_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BoardChanges"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoardRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    board_image_names_api_v1_boards__board_id__image_names_get: {
        parameters: {
            query?: {
                /** @description Only these categories. */
                category?: components["schemas"]["ImageCategory"][] | null;
                /** @description Starred images first. */
                starred_first?: boolean;
            };
            header?: never;
            path: {
                board_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string[];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_canvas_api_v1_canvas__name__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The canvas's name: letters, digits, '_', '-' and '.', starting with a letter or digit. */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Canvas"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_canvas_api_v1_canvas__name__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The canvas's name: letters, digits, '_', '-' and '.', starting with a letter or digit. */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CanvasDocument"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Canvas"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_canvas_api_v1_canvas__name__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The canvas's name: letters, digits, '_', '-' and '.', starting with a letter or digit. */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Canvas"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    config_api_v1_config_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_event_types_api_v1_events_types_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventTypeDoc"][];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    generate_api_v1_generate_post: {
        parameters: {
            query?: {
                /** @description Also answer the graph that runs. */
                include_graph?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GenerateRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GenerateResult"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    generate_graph_api_v1_generate_graph_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GenerateRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GenerationPlan"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    validate_graph_api_v1_graphs_validate_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GraphRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationResult"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    health_api_v1_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_images_api_v1_images_get: {
        parameters: {
            query?: {
                /** @description Only this board; 'none' for no board. */
                board_id?: string | null;
                /** @description Only these categories. */
                category?: components["schemas"]["ImageCategory"][] | null;
                /** @description Intermediate images: exclude (default), only, or include. */
                intermediate?: "exclude" | "only" | "include";
                /** @description Page size. */
                limit?: number;
                /** @description Index of the first result to answer. */
                offset?: number;
                /** @description Only generated or uploaded images. */
                origin?: components["schemas"]["ImageOrigin"] | null;
                /** @description Words to find in the prompts. */
                search?: string | null;
                /** @description Only starred (true) or unstarred (false). */
                starred?: boolean | null;
                /** @description Starred images first. */
                starred_first?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImagePage"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_image_api_v1_images__image_name__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Name of the image (32 hex digits, .png). */
                image_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_image_api_v1_images__image_name__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Name of the image (32 hex digits, .png). */
                image_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["impasto__api__routes__images__Deleted"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_image_api_v1_images__image_name__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Name of the image (32 hex digits, .png). */
                image_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImageChanges"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    full_api_v1_images__image_name__full_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Name of the image (32 hex digits, .png). */
                image_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    metadata_api_v1_images__image_name__metadata_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Name of the image (32 hex digits, .png). */
                image_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetadataReport"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    thumbnail_api_v1_images__image_name__thumbnail_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Name of the image (32 hex digits, .png). */
                image_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/webp": unknown;
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_many_api_v1_images_delete_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImageNames"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["impasto__api__routes__images__Deleted"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    download_api_v1_images_download_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DownloadRequest"];
            };
        };
        responses: {
            /** @description The ZIP archive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": unknown;
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    clear_intermediates_api_v1_images_intermediates_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cleared"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    move_api_v1_images_move_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Updated"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_names_api_v1_images_names_get: {
        parameters: {
            query?: {
                /** @description Only this board; 'none' for no board. */
                board_id?: string | null;
                /** @description Only these categories. */
                category?: components["schemas"]["ImageCategory"][] | null;
                /** @description Intermediate images: exclude (default), only, or include. */
                intermediate?: "exclude" | "only" | "include";
                /** @description Only generated or uploaded images. */
                origin?: components["schemas"]["ImageOrigin"] | null;
                /** @description Words to find in the prompts. */
                search?: string | null;
                /** @description Only starred (true) or unstarred (false). */
                starred?: boolean | null;
                /** @description Starred images first. */
                starred_first?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string[];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    star_api_v1_images_star_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImageNames"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Updated"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unstar_api_v1_images_unstar_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImageNames"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Updated"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    upload_api_v1_images_upload_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_upload_api_v1_images_upload_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The file is not a PNG, JPEG or WebP image */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    parse_api_v1_metadata_parse_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_parse_api_v1_metadata_parse_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetadataReport"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The file is not a PNG, JPEG or WebP image */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_models_api_v1_models_get: {
        parameters: {
            query?: {
                /** @description Only this architecture family. */
                base?: components["schemas"]["BaseModelType"] | null;
                /** @description Only this storage format. */
                format?: components["schemas"]["ModelFormat"] | null;
                /** @description Only names containing this text. */
                name?: string | null;
                /** @description Only this model type. */
                type?: components["schemas"]["ModelType"] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_model_api_v1_models__key__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_model_api_v1_models__key__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_model_api_v1_models__key__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelRecordChanges"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    reidentify_model_api_v1_models__key__reidentify_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cache_stats_api_v1_models_cache_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CacheStats"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cache_empty_api_v1_models_cache_empty_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmptyResult"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    install_api_v1_models_install_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InstallRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstallJob"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_jobs_api_v1_models_jobs_get: {
        parameters: {
            query?: {
                /** @description How many jobs. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstallJob"][];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_job_api_v1_models_jobs__job_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstallJob"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancel_job_api_v1_models_jobs__job_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstallJob"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    prune_jobs_api_v1_models_jobs_prune_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["impasto__api__routes__models__Deleted"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    scan_api_v1_models_scan_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScanRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScanResult"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    install_scanned_api_v1_models_scan_install_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScanInstallRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstallJob"][];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    starters_api_v1_models_starters_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StarterStatus"][];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    install_starters_api_v1_models_starters_install_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StarterInstallRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstallJob"][];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_nodes_api_v1_nodes_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_node_api_v1_nodes__node_type__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                node_type: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_packs_api_v1_nodes_packs_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackInfo"][];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    uninstall_api_v1_nodes_packs__name__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Name of the pack's folder. */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackStatus"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    install_git_api_v1_nodes_packs_git_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GitInstall"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackInfo"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    reload_packs_api_v1_nodes_packs_reload_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackStatus"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    pack_status_api_v1_nodes_packs_status_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackStatus"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    install_zip_api_v1_nodes_packs_zip_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_install_zip_api_v1_nodes_packs_zip_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackInfo"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    preview_dynamic_prompt_api_v1_prompts_dynamic_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DynamicPromptRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DynamicPromptResponse"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_wildcards_api_v1_prompts_wildcards_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WildcardList"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancel_batch_api_v1_queue_batches__batch_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Canceled"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancel_items_api_v1_queue_cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ItemIds"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Canceled"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancel_all_api_v1_queue_cancel_all_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Canceled"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    clear_api_v1_queue_clear_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["impasto__api__routes__queue__Deleted"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    enqueue_api_v1_queue_enqueue_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Batch"] | components["schemas"]["InvokeAIEnqueue"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnqueueResult"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_items_api_v1_queue_items_get: {
        parameters: {
            query?: {
                /** @description Only items of this batch. */
                batch_id?: string | null;
                /** @description Page size. */
                limit?: number;
                /** @description Newest items first. */
                newest_first?: boolean;
                /** @description Index of the first result to answer. */
                offset?: number;
                /** @description Only items in these states. */
                status?: components["schemas"]["ItemStatus"][] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemPage"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_item_api_v1_queue_items__item_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the queue item. */
                item_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueItem"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancel_item_api_v1_queue_items__item_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the queue item. */
                item_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Canceled"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    retry_item_api_v1_queue_items__item_id__retry_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the queue item. */
                item_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Retried"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    pause_api_v1_queue_pause_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueStatus"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    prune_api_v1_queue_prune_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["impasto__api__routes__queue__Deleted"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    resume_api_v1_queue_resume_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueStatus"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    retry_items_api_v1_queue_retry_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ItemIds"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Retried"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    status_api_v1_queue_status_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueStatus"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_presets_api_v1_style_presets_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StylePresetList"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_preset_api_v1_style_presets_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StylePresetFields"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StylePreset"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_preset_api_v1_style_presets__preset_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                preset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StylePreset"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_preset_api_v1_style_presets__preset_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                preset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StylePreset"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_preset_api_v1_style_presets__preset_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                preset_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StylePresetChanges"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StylePreset"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    apply_preset_api_v1_style_presets__preset_id__apply_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                preset_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplyRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StyledPrompt"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    export_presets_api_v1_style_presets_export_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StylePresetExport"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    import_presets_api_v1_style_presets_import_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StylePresetImportRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    upscale_api_v1_upscale_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpscaleRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpscaleResult"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_workflows_api_v1_workflows_get: {
        parameters: {
            query?: {
                /** @description Only default or only user workflows. */
                category?: ("user" | "default") | null;
                /** @description Largest first (newest, or Z to A). */
                descending?: boolean;
                /** @description Page size. */
                limit?: number;
                /** @description Index of the first result to answer. */
                offset?: number;
                /** @description Only workflows opened before (true) or never opened (false). */
                opened?: boolean | null;
                /** @description What to sort by. */
                order_by?: components["schemas"]["WorkflowOrder"];
                /** @description Words found in the name, description or tags. */
                search?: string | null;
                /** @description Only workflows with any of these tags (repeat for several). */
                tag?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowPage"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_workflow_api_v1_workflows_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkflowDocument"];
            };
        };
        responses: {
            /** @description The saved workflow. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_workflow_api_v1_workflows__workflow_id__get: {
        parameters: {
            query?: {
                /** @description Note that it was opened (for 'recently opened'); false only reads it. */
                mark_opened?: boolean;
            };
            header?: never;
            path: {
                /** @description Id of the workflow. */
                workflow_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_workflow_api_v1_workflows__workflow_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the workflow. */
                workflow_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowSummary"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_workflow_api_v1_workflows__workflow_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the workflow. */
                workflow_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkflowChanges"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    duplicate_workflow_api_v1_workflows__workflow_id__duplicate_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the workflow. */
                workflow_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DuplicateRequest"] | null;
            };
        };
        responses: {
            /** @description The saved workflow. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowRecord"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    export_workflow_api_v1_workflows__workflow_id__export_get: {
        parameters: {
            query?: {
                /** @description 'impasto': Impasto's workflow file; 'invokeai': InvokeAI's (schema 4.0.0). */
                format?: "impasto" | "invokeai";
            };
            header?: never;
            path: {
                /** @description Id of the workflow. */
                workflow_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowDocument"] | components["schemas"]["InvokeAIWorkflowFile"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    set_thumbnail_api_v1_workflows__workflow_id__thumbnail_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the workflow. */
                workflow_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThumbnailRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowSummary"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    clear_thumbnail_api_v1_workflows__workflow_id__thumbnail_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the workflow. */
                workflow_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowSummary"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    import_workflow_api_v1_workflows_import_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description The saved workflow. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowImport"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    import_workflow_image_api_v1_workflows_import_image_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_import_workflow_image_api_v1_workflows_import_image_post"];
            };
        };
        responses: {
            /** @description The saved workflow. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowImport"];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A change or WebSocket from a foreign web origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The file is not a PNG, JPEG or WebP image */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_tags_api_v1_workflows_tags_get: {
        parameters: {
            query?: {
                /** @description Only tags of this category. */
                category?: ("user" | "default") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagCount"][];
                };
            };
            /** @description The access token is missing or wrong (only when the studio asks for one) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Host header does not name this studio */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
