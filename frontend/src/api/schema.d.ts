// Generated from frontend/openapi.json by scripts/gen-schema.mjs (openapi-typescript). Do not edit:
// run `make openapi` after changing the API.

export interface paths {
    "/api/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Datasets
         * @description Trace datasets by name, newest version first.
         */
        get: operations["list_datasets_api_datasets_get"];
        put?: never;
        /**
         * Build Dataset
         * @description Build a new version: select, dedupe, split and freeze traces into rows and a snapshot.
         */
        post: operations["build_dataset_api_datasets_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Count Query
         * @description How many traces a build's ``query`` selects (a dry run: nothing is stored, so a read token
         *     may ask), for a builder form's live count.
         */
        post: operations["count_query_api_datasets_count_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Diff Datasets
         * @description Traces added, removed and moved between splits from a to b.
         */
        get: operations["diff_datasets_api_datasets_diff_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Dataset
         * @description The manifest: request, counts per split and stratum, sha256 per split, length and step statistics.
         */
        get: operations["read_dataset_api_datasets__key__get"];
        put?: never;
        post?: never;
        /**
         * Delete Dataset
         * @description Delete a dataset and its snapshot; 409 while a run references it.
         */
        delete: operations["delete_dataset_api_datasets__key__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{key}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export Dataset
         * @description Stream a split in a format, from the frozen snapshot; ``trace`` JSONL is byte-identical to
         *     the snapshot, so its sha256 is the manifest's (also sent as ``X-Content-SHA256``).
         */
        get: operations["export_dataset_api_datasets__key__export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evalsets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Evalsets */
        get: operations["list_evalsets_api_evalsets_get"];
        put?: never;
        /**
         * Import Evalset
         * @description Import eval items from JSONL; any invalid line refuses the whole file (errors by line).
         */
        post: operations["import_evalset_api_evalsets_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evalsets/derive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Derive Evalset
         * @description Make an eval set from a trace dataset's eval split (answer = the trace's final answer).
         */
        post: operations["derive_evalset_api_evalsets_derive_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evalsets/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate Evalset
         * @description Check a JSONL file without storing it (so a read token may ask): duplicate ids, empty
         *     answers, unknown fields, by line.
         */
        post: operations["validate_evalset_api_evalsets_validate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evalsets/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Evalset */
        get: operations["read_evalset_api_evalsets__key__get"];
        put?: never;
        post?: never;
        /**
         * Delete Evalset
         * @description Delete an eval set; 409 while a run references it.
         */
        delete: operations["delete_evalset_api_evalsets__key__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evalsets/{key}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Evalset Items
         * @description The items as canonical JSONL (its sha256 is the manifest's).
         */
        get: operations["evalset_items_api_evalsets__key__items_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Evaluations
         * @description Every recorded evaluation of a run's model (its auto-eval and any eval run of it), newest
         *     first: the scores a training run's page shows.
         */
        get: operations["list_evaluations_api_evaluations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/agreement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Judge Agreement
         * @description One judge against every human label of every evaluation it judged: what a gate on it needs.
         */
        get: operations["judge_agreement_api_evaluations_agreement_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Compare
         * @description Per-item outputs and verdicts of two evaluations, fixed/broken counts and McNemar's p-value.
         *     A 409 with the ``differences`` when the evaluations' determining settings differ, unless ``force``.
         */
        get: operations["compare_api_evaluations_compare_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Item History
         * @description Every evaluation that scored one item, in the order the models were trained, with outputs and verdicts.
         */
        get: operations["item_history_api_evaluations_history_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/history/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Item Diff
         * @description A word-level diff of the item's output in evaluation a to its output in evaluation b.
         */
        get: operations["item_diff_api_evaluations_history_diff_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Evaluation */
        get: operations["read_evaluation_api_evaluations__run_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/{run_id}/agreement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Evaluation Agreement
         * @description Each judge of the evaluation (and the checker's strict and lenient verdicts) against its labels.
         */
        get: operations["evaluation_agreement_api_evaluations__run_id__agreement_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/{run_id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Items */
        get: operations["read_items_api_evaluations__run_id__items_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/{run_id}/items/{item_id}/label": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Label
         * @description Label one item correct, incorrect or unsure (replacing an earlier label), recording who and when.
         */
        put: operations["set_label_api_evaluations__run_id__items__item_id__label_put"];
        post?: never;
        /** Delete Label */
        delete: operations["delete_label_api_evaluations__run_id__items__item_id__label_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/{run_id}/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Labels */
        get: operations["read_labels_api_evaluations__run_id__labels_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health
         * @description Liveness and what this server can do; open without a token so probes work.
         */
        get: operations["health_api_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leaderboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Leaderboard
         * @description The latest evaluation of each model on each eval set, best primary score first. A 409 with
         *     the ``mismatches`` when evaluations on one eval set were made with different settings.
         */
        get: operations["leaderboard_api_leaderboard_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/loops": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Loops
         * @description Loops newest first, keyset-paged, each with its rounds done and latest accuracy.
         */
        get: operations["list_loops_api_loops_get"];
        put?: never;
        /**
         * Create Loop
         * @description Queue a loop (checked like ``POST /api/runs`` with kind loop); a worker with room for one
         *     more run beside it drives it.
         */
        post: operations["create_loop_api_loops_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/loops/{loop_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Loop
         * @description The loop with every round reached: links, numbers, and each round against round 0.
         */
        get: operations["read_loop_api_loops__loop_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Models */
        get: operations["list_models_api_models_get"];
        put?: never;
        /** Create Model */
        post: operations["create_model_api_models_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Model */
        get: operations["read_model_api_models__name__get"];
        put?: never;
        post?: never;
        /** Delete Model */
        delete: operations["delete_model_api_models__name__delete"];
        options?: never;
        head?: never;
        /** Update Model */
        patch: operations["update_model_api_models__name__patch"];
        trace?: never;
    };
    "/api/models/{name}/aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Aliases */
        get: operations["list_aliases_api_models__name__aliases_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/{name}/aliases/{alias}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Alias
         * @description Create the alias or move it to another version; ``previous`` says where it was.
         */
        put: operations["set_alias_api_models__name__aliases__alias__put"];
        post?: never;
        /** Delete Alias */
        delete: operations["delete_alias_api_models__name__aliases__alias__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Versions */
        get: operations["list_versions_api_models__name__versions_get"];
        put?: never;
        /**
         * Promote
         * @description Promote a run's final model (merged, full, or adapter) into a version of ``name``; the
         *     model is created on first promotion.
         */
        post: operations["promote_api_models__name__versions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/{name}/versions/{label}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Version */
        delete: operations["delete_version_api_models__name__versions__label__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/{name}/versions/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Version */
        get: operations["read_version_api_models__name__versions__ref__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/{name}/versions/{ref}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download Version
         * @description The version's files as an uncompressed tar streamed from the blob store, members at the
         *     archive root (extract it and load the folder); ``ETag`` is the content hash.
         */
        get: operations["download_version_api_models__name__versions__ref__archive_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/regression/baselines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Baselines */
        get: operations["list_baselines_api_regression_baselines_get"];
        put?: never;
        /** Create Baseline */
        post: operations["create_baseline_api_regression_baselines_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/regression/baselines/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Baseline */
        delete: operations["delete_baseline_api_regression_baselines__name__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/regression/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check
         * @description Pass or fail of a run against a named baseline: the delta, the paired test over items with its
         *     p-value and effect, and the reason. 409 with the ``differences`` when the two evaluations'
         *     determining settings differ, unless ``force``.
         */
        post: operations["check_api_regression_check_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Runs
         * @description Newest first, keyset-paged.
         */
        get: operations["list_runs_api_runs_get"];
        put?: never;
        /**
         * Submit Run
         * @description Queue a run; it returns at once (202) and a worker picks it up. Parameters over the
         *     server's limits (max_run_steps, max_run_batch_size, ...) are a 422 naming the field.
         */
        post: operations["submit_run_api_runs_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Overlay Metrics
         * @description Many runs' series in one request, for overlaying them: the point budget is split evenly
         *     across the series that have points (a short series' unused share goes to the longer ones)
         *     and each series is downsampled with LTTB to its share, so the answer stays small however
         *     many runs or steps there are. A series far longer than its share is first reduced in the
         *     database (M4 over buckets of steps, ``store.metric_buckets``), so only a few times the
         *     budget is read, however long the series. Unknown ids are a 404; series a run lacks come back empty.
         *     Declared before ``/{run_id}`` so the path is not read as an id.
         */
        get: operations["overlay_metrics_api_runs_metrics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Run Summary
         * @description Runs by status, queued runs by kind, and workers with their heartbeats (alive when one
         *     came within the lease); declared before ``/{run_id}`` so the path is not read as an id.
         */
        get: operations["run_summary_api_runs_summary_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Run */
        get: operations["read_run_api_runs__run_id__get"];
        put?: never;
        post?: never;
        /**
         * Delete Run
         * @description Delete a run, its records and its folder; refused (409) while it runs.
         */
        delete: operations["delete_run_api_runs__run_id__delete"];
        options?: never;
        head?: never;
        /**
         * Edit Run
         * @description Set or clear (null) a run's name and notes, in any status; fields left out stay.
         */
        patch: operations["edit_run_api_runs__run_id__patch"];
        trace?: never;
    };
    "/api/runs/{run_id}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Artifacts
         * @description Every file in the run folder with size and sha256, and what the run reported it as. With
         *     an artifact store, the files uploaded there so far (checkpoints and artifacts as the run
         *     reports them, the rest when an attempt ends).
         */
        get: operations["list_artifacts_api_runs__run_id__artifacts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/artifacts/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download Artifact
         * @description One file from the run folder; paths leading outside it (``..``, absolute, symlinks) are refused.
         *     With an artifact store, the file streams from the store as it is read, never staged here.
         */
        get: operations["download_artifact_api_runs__run_id__artifacts__path__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel Run
         * @description Cancel a queued run at once, or ask a running one to stop (SIGTERM, then SIGKILL).
         */
        post: operations["cancel_run_api_runs__run_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Run Logs
         * @description With ``Accept: text/event-stream``: server-sent events, one ``log`` event per line (``id:``
         *     is its sequence number, so reconnecting with ``Last-Event-ID`` resumes), a ``metrics`` event
         *     (no ``id:``) whenever the run's metric series grow, with how many points they hold and their
         *     newest step, so a chart refetches them then instead of polling, and a final ``status`` event
         *     once the run is finished. Otherwise: a JSON page of lines. Followers of
         *     one run share one database reader (``runs/streams.py``); open streams are capped in all
         *     and per token (429 with Retry-After).
         */
        get: operations["run_logs_api_runs__run_id__logs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Run Metrics
         * @description Metric series, downsampled on the server so a 100,000-step run draws at once: like the
         *     overlay, a series far longer than ``downsample`` is reduced in the database first.
         */
        get: operations["run_metrics_api_runs__run_id__metrics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume Run
         * @description Queue a new run with the config of a failed or cancelled one that continues from its last
         *     checkpoint (``retry_of`` names the original); 409 unless ``resumable`` says it can.
         */
        post: operations["resume_run_api_runs__run_id__resume_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry Run
         * @description Queue a new run with the config of a failed or cancelled one.
         */
        post: operations["retry_run_api_runs__run_id__retry_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/rollouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Rollouts
         * @description In step, group, completion order, keyset-paged.
         */
        get: operations["list_rollouts_api_runs__run_id__rollouts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/rollouts/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rollout Steps
         * @description Each recorded step's per-reward means, mean total and length, and the fraction of groups
         *     with zero advantage; and the alarms those trip (``rollouts/alarms.py``) with the run's own
         *     thresholds (``grpo.alarms`` of its config).
         */
        get: operations["rollout_steps_api_runs__run_id__rollouts_steps_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sweeps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Sweeps
         * @description Sweeps newest first, keyset-paged, each with its best objective so far.
         */
        get: operations["list_sweeps_api_sweeps_get"];
        put?: never;
        /**
         * Create Sweep
         * @description Queue a sweep (checked like ``POST /api/runs`` with kind sweep); a worker runs it.
         */
        post: operations["create_sweep_api_sweeps_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sweeps/{sweep_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Sweep */
        get: operations["read_sweep_api_sweeps__sweep_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sweeps/{sweep_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel Sweep
         * @description Cancel the sweep and every unfinished run of its trials.
         */
        post: operations["cancel_sweep_api_sweeps__sweep_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sweeps/{sweep_id}/promote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Promote Best
         * @description Register the best trial's trained model as a version of ``model``; 409 when no trial succeeded.
         */
        post: operations["promote_best_api_sweeps__sweep_id__promote_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Tokens */
        get: operations["list_tokens_api_tokens_get"];
        put?: never;
        /**
         * Create Token
         * @description Create a token; its value is in this response and nowhere else. The first one turns auth on.
         */
        post: operations["create_token_api_tokens_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{token_id}": {
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
         * Revoke Token
         * @description Revoke a token at once; 404 when it is unknown or already revoked.
         */
        delete: operations["revoke_token_api_tokens__token_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/traces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Traces
         * @description Newest first, keyset-paged.
         */
        get: operations["list_traces_api_traces_get"];
        put?: never;
        /**
         * Create Trace
         * @description Store one trace; the same content again answers 200 with the stored id and ``created: false``.
         */
        post: operations["create_trace_api_traces_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/traces/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create Batch
         * @description Store up to ``max_batch_size`` traces in one transaction; every invalid item is reported.
         */
        post: operations["create_batch_api_traces_batch_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/traces/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Compare Traces
         * @description Both traces with their quality reports, and a step-level diff.
         */
        get: operations["compare_traces_api_traces_compare_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/traces/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export Traces
         * @description Stream the selection as JSONL that ``/import`` takes back (ids and times kept).
         */
        get: operations["export_traces_api_traces_export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/traces/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import Jsonl
         * @description Import a JSONL file (multipart field ``file`` or a raw ``application/x-ndjson`` body),
         *     streamed in chunks, with errors reported by line number.
         */
        post: operations["import_jsonl_api_traces_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/traces/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Trace Stats
         * @description Counts by source, category and quality flag, and step-count range, for a selection.
         */
        get: operations["trace_stats_api_traces_stats_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/traces/synth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Synthesize
         * @description Generate and store deterministic synthetic traces.
         */
        post: operations["synthesize_api_traces_synth_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/traces/{trace_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Trace */
        get: operations["read_trace_api_traces__trace_id__get"];
        put?: never;
        post?: never;
        /** Delete Trace */
        delete: operations["delete_trace_api_traces__trace_id__delete"];
        options?: never;
        head?: never;
        /**
         * Update Trace Tags
         * @description Replace (``tags``) or edit (``add`` / ``remove``) a trace's tags.
         */
        patch: operations["update_trace_tags_api_traces__trace_id__patch"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Accuracy
         * @description A rate with its Wilson 95% interval, as the scorecard records it.
         */
        Accuracy: {
            /** High */
            high: number;
            /** Hits */
            hits: number;
            /** Low */
            low: number;
            /** N */
            n: number;
            /** Value */
            value: number;
        };
        /** AgreementReport */
        AgreementReport: {
            /**
             * Judges
             * @description Each judge, and the checker's strict and lenient verdicts.
             */
            judges: {
                [key: string]: components["schemas"]["JudgeAgreement"];
            };
            /**
             * Labels
             * @description Labelled items (correct or incorrect) of the evaluation.
             */
            labels: number;
        };
        /**
         * AlarmRead
         * @description A reward-hacking alarm and the window of recorded steps that tripped it.
         */
        AlarmRead: {
            /** First Step */
            first_step: number;
            /**
             * Kind
             * @enum {string}
             */
            kind: "format_without_correctness" | "length_explosion" | "reward_collapse";
            /** Last Step */
            last_step: number;
            /** Message */
            message: string;
            /** Values */
            values: {
                [key: string]: number;
            };
        };
        /**
         * AlarmSettings
         * @description When the reward-hacking alarms trip (``rollouts/alarms.py``): the child checks them while it
         *     trains and the API again from the stored rollouts, both with these values from the run's
         *     config, so the run page and the run's alarm events agree. Defaults are ``alarms.Thresholds``'s.
         */
        AlarmSettings: {
            /**
             * Correctness Gain
             * @description ...while correctness's mean rises less than this.
             * @default 0.02
             */
            correctness_gain: number;
            /**
             * Format Rise
             * @description format_without_correctness: the format reward's mean rises at least this much...
             * @default 0.2
             */
            format_rise: number;
            /**
             * Length Factor
             * @description length_explosion: the second half's mean completion length is at least this times the first's...
             * @default 2
             */
            length_factor: number;
            /**
             * Min Length Growth
             * @description ...and at least this many tokens longer.
             * @default 8
             */
            min_length_growth: number;
            /**
             * Window
             * @description Recorded steps per window: first half against second.
             * @default 4
             */
            window: number;
            /**
             * Zero Std Fraction
             * @description reward_collapse: at every step of the window, at least this fraction of the groups got equal rewards (zero advantage).
             * @default 0.75
             */
            zero_std_fraction: number;
        };
        /** AliasList */
        AliasList: {
            /** Items */
            items: components["schemas"]["AliasRead"][];
        };
        /** AliasRead */
        AliasRead: {
            /** Name */
            name: string;
            /**
             * Previous
             * @description The version it pointed at before this change, as vN.
             */
            previous?: string | null;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * Version
             * @description The version it points at, as vN.
             */
            version: string;
        };
        /** AliasSet */
        AliasSet: {
            /**
             * Version
             * @description The version the alias points at from now on: vN, latest or a label.
             */
            version: string;
        };
        /**
         * ArithmeticCheck
         * @description One computation found in a step and its verdict.
         */
        ArithmeticCheck: {
            /** Correct */
            correct: boolean;
            /** End */
            end: number;
            /** Expected */
            expected: string;
            /** Expression */
            expression: string;
            /** Start */
            start: number;
            /** Stated */
            stated: string;
            /** Step */
            step: number;
        };
        /** ArtifactEntry */
        ArtifactEntry: {
            /**
             * Kind
             * @description checkpoint or artifact when the run reported it, else null.
             */
            kind: string | null;
            /**
             * Modified At
             * Format: date-time
             */
            modified_at: string;
            /**
             * Path
             * @description Relative to the run folder.
             */
            path: string;
            /** Sha256 */
            sha256: string;
            /** Size */
            size: number;
            /** Step */
            step: number | null;
        };
        /** ArtifactList */
        ArtifactList: {
            /** Items */
            items: components["schemas"]["ArtifactEntry"][];
            /**
             * Truncated
             * @description More files exist than the page size.
             */
            truncated: boolean;
        };
        /**
         * AutoEvaluation
         * @description An evaluation of the trained model, queued as an ``eval`` run (tagged ``auto-eval``) in the
         *     same transaction that records the training run's success, so a finished training run is
         *     never left without the evaluation it asked for. The eval set is checked at submit.
         */
        AutoEvaluation: {
            /**
             * Batch Size
             * @description Prompts generated together (left-padded).
             * @default 16
             */
            batch_size: number;
            /**
             * Evalset
             * @description Eval set key, name@vN; must exist when the run is submitted.
             */
            evalset: string;
            /**
             * Judges
             * @description Judges: exact, normalized, math, format, llm.
             */
            judges?: string[];
            /**
             * Limit
             * @description Evaluate only the first N items.
             */
            limit?: number | null;
            /**
             * Max New Tokens
             * @description Most tokens generated per item.
             * @default 128
             */
            max_new_tokens: number;
        };
        /**
         * BaselineCreate
         * @description A named regression baseline: one evaluation, or a run's latest evaluation on the eval set.
         */
        BaselineCreate: {
            /**
             * Abs Tolerance
             * @description Minimum effect that counts as a regression, in the metric's units.
             * @default 0
             */
            abs_tolerance: number;
            /**
             * Alpha
             * @description Significance level of the paired test a shortfall must pass to fail the gate; 1 fails on the shortfall alone.
             * @default 0.05
             */
            alpha: number;
            /**
             * Direction
             * @description Which way of the metric is better.
             * @default higher
             * @enum {string}
             */
            direction: "higher" | "lower";
            /**
             * Evalset
             * @description Eval set the baseline and candidates are scored on.
             */
            evalset: string;
            /**
             * Evaluation
             * @description The eval run whose score is the bar. The full id, or a unique prefix of it (6+ hex characters).
             */
            evaluation?: string | null;
            /**
             * Metric
             * @description Scorecard metric compared.
             * @default strict_accuracy
             */
            metric: string;
            /**
             * Name
             * @description Unique name, used by the gate.
             */
            name: string;
            /**
             * Rel Tolerance
             * @description Minimum effect that counts, as a fraction of the baseline (the larger of the two applies).
             * @default 0
             */
            rel_tolerance: number;
            /**
             * Run
             * @description A training run: its latest evaluation on the eval set is the bar. The full id, or a unique prefix of it (6+ hex characters).
             */
            run?: string | null;
        };
        /** BaselineRead */
        BaselineRead: {
            /** Abs Tolerance */
            abs_tolerance: number;
            /** Alpha */
            alpha: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Direction */
            direction: string;
            /** Evalset Key */
            evalset_key: string;
            /** Evaluation Id */
            evaluation_id: string | null;
            /** Metric */
            metric: string;
            /** Name */
            name: string;
            /** Rel Tolerance */
            rel_tolerance: number;
            /** Run Id */
            run_id: string | null;
        };
        /** BatchResult */
        BatchResult: {
            /** Created */
            created: number;
            /** Duplicates */
            duplicates: number;
            /**
             * Errors
             * @description Rejected items (partial mode): index or line, loc, msg.
             */
            errors: {
                [key: string]: unknown;
            }[];
            /** Invalid */
            invalid: number;
            /** Items */
            items: components["schemas"]["IngestedItem"][];
        };
        /**
         * ColumnArithmeticOptions
         * @description What the ``column_arithmetic`` generator asks: each problem draws an operation, then a digit
         *     count N, then two N-digit operands (a subtraction puts the larger first), all uniformly.
         */
        ColumnArithmeticOptions: {
            /**
             * Max Digits
             * @description Most digits of each operand.
             * @default 3
             */
            max_digits: number;
            /**
             * Min Digits
             * @description Fewest digits of each operand.
             * @default 2
             */
            min_digits: number;
            /**
             * Operations
             * @description Operations drawn from, each equally often: addition, subtraction.
             */
            operations?: ("addition" | "subtraction")[];
        };
        /** DatabaseHealth */
        DatabaseHealth: {
            /**
             * Dialect
             * @description sqlite or postgresql.
             */
            dialect: string;
            /**
             * Error
             * @description Why the database is not ok.
             */
            error?: string | null;
            /**
             * Head
             * @description The revision this server's migrations lead to.
             */
            head: string | null;
            /**
             * Ok
             * @description Whether a query went through.
             */
            ok: boolean;
            /**
             * Revision
             * @description The schema revision the database is at.
             */
            revision?: string | null;
        };
        /**
         * DatasetCreate
         * @description A build request: the same request always gives the same snapshot bytes.
         */
        DatasetCreate: {
            /** @description Duplicate removal. */
            dedupe?: components["schemas"]["Dedupe"];
            /**
             * Description
             * @description What this dataset is for.
             * @default
             */
            description: string;
            /**
             * Limit
             * @description Most traces in the dataset (no limit by default).
             */
            limit?: number | null;
            /**
             * Name
             * @description Dataset name; the key is name@vN.
             */
            name: string;
            /** @description Which traces to start from. */
            query?: components["schemas"]["TraceQuery"];
            /** @description How traces are chosen and ordered. */
            selection?: components["schemas"]["Selection"];
            /** @description Train/eval split. */
            split?: components["schemas"]["SplitSpec"];
            /** @description Build-time transforms and template. */
            transforms?: components["schemas"]["Transforms"];
            /**
             * Version
             * @description Version to create; refused if taken (default: next).
             */
            version?: number | null;
        };
        /** DatasetDiff */
        DatasetDiff: {
            /** A */
            a: string;
            /**
             * Added
             * @description Traces in b but not in a.
             */
            added: number;
            /**
             * Added Ids
             * @description The first added traces (up to the sample size).
             */
            added_ids: string[];
            /** B */
            b: string;
            /**
             * Moved
             * @description Traces in both, in another split.
             */
            moved: number;
            /**
             * Moved Items
             * @description The first moved traces.
             */
            moved_items: components["schemas"]["MovedTrace"][];
            /**
             * Prompts
             * @description The prompt of every trace listed above, by id, cut to 200 characters.
             */
            prompts: {
                [key: string]: string;
            };
            /**
             * Removed
             * @description Traces in a but not in b.
             */
            removed: number;
            /**
             * Removed Ids
             * @description The first removed traces.
             */
            removed_ids: string[];
            /**
             * Unchanged
             * @description Traces in both, in the same split.
             */
            unchanged: number;
        };
        /** DatasetPage */
        DatasetPage: {
            /** Items */
            items: components["schemas"]["DatasetSummary"][];
            /**
             * Next Cursor
             * @description Pass as ?cursor= for the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** DatasetRead */
        DatasetRead: {
            /**
             * Counts
             * @description Items per split (datasets) or per section (eval sets).
             */
            counts: {
                [key: string]: unknown;
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /** Item Count */
            item_count: number;
            /**
             * Key
             * @description name@vN.
             */
            key: string;
            /**
             * Kind
             * @description traces: a trace dataset; eval: an eval set.
             * @enum {string}
             */
            kind: "traces" | "eval";
            /**
             * Manifest
             * @description manifest.json: request, counts, strata, sha256, stats.
             */
            manifest: {
                [key: string]: unknown;
            };
            /** Name */
            name: string;
            /** Version */
            version: number;
        };
        /**
         * DatasetRef
         * @description Which frozen dataset snapshot to train on.
         */
        DatasetRef: {
            /**
             * Key
             * @description Dataset key, name@vN; must exist when the run is submitted.
             */
            key: string;
            /**
             * Split
             * @description Split trained on.
             * @default train
             * @enum {string}
             */
            split: "train" | "eval" | "all";
        };
        /** DatasetSummary */
        DatasetSummary: {
            /**
             * Counts
             * @description Items per split (datasets) or per section (eval sets).
             */
            counts: {
                [key: string]: unknown;
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /** Item Count */
            item_count: number;
            /**
             * Key
             * @description name@vN.
             */
            key: string;
            /**
             * Kind
             * @description traces: a trace dataset; eval: an eval set.
             * @enum {string}
             */
            kind: "traces" | "eval";
            /** Name */
            name: string;
            /** Version */
            version: number;
        };
        /**
         * Dedupe
         * @description Duplicates are dropped in selection order (the first one the strategy reaches is kept).
         */
        Dedupe: {
            /**
             * Exact
             * @description Drop traces whose content (after step filters) equals a kept one.
             * @default true
             */
            exact: boolean;
            /**
             * Near
             * @description Drop traces whose prompt equals a kept one after normalisation (case, punctuation, spaces).
             * @default false
             */
            near: boolean;
        };
        /** DiffRun */
        DiffRun: {
            /**
             * Op
             * @enum {string}
             */
            op: "equal" | "delete" | "insert";
            /** Text */
            text: string;
        };
        /** Disagreement */
        Disagreement: {
            /**
             * Evaluation
             * Format: uuid
             */
            evaluation: string;
            /** Item Id */
            item_id: string;
            /**
             * Judge
             * @description What the judge said (true: correct); the label said the opposite.
             */
            judge: boolean;
        };
        /**
         * Domain
         * @description The values one config key takes: ``choice``/``grid`` list them, ``uniform``/``loguniform``
         *     draw a float in [low, high], ``randint`` an integer in [low, high).
         */
        Domain: {
            /**
             * High
             * @description Upper bound (exclusive for randint).
             */
            high?: number | null;
            /**
             * Low
             * @description Lower bound of uniform, loguniform or randint.
             */
            low?: number | null;
            /**
             * Type
             * @description Kind of domain.
             * @enum {string}
             */
            type: "choice" | "uniform" | "loguniform" | "randint" | "grid";
            /**
             * Values
             * @description The values of a choice or grid.
             */
            values?: unknown[] | null;
        };
        /**
         * EvalSetDerive
         * @description Make an eval set from the eval split of a trace dataset.
         */
        EvalSetDerive: {
            /**
             * Dataset
             * @description Key of the trace dataset whose eval split is used.
             */
            dataset: string;
            /**
             * Description
             * @description What this eval set measures.
             * @default
             */
            description: string;
            /**
             * Name
             * @description Eval set name; the key is name@vN.
             */
            name: string;
            /**
             * Version
             * @description Version to create; refused if taken (default: next).
             */
            version?: number | null;
        };
        /** EvaluationItemRead */
        EvaluationItemRead: {
            /**
             * Agreement
             * @description With samples: k, the share of samples that gave the majority answer.
             */
            agreement?: number | null;
            /** Category */
            category: string | null;
            /** Difficulty */
            difficulty: string | null;
            /** Expected Answer */
            expected_answer: string;
            /** Extracted Answer */
            extracted_answer: string | null;
            /** Failure */
            failure: string | null;
            /** Format Ok */
            format_ok: boolean;
            /** Item Id */
            item_id: string;
            /** Judges */
            judges: {
                [key: string]: unknown;
            };
            /** Lenient */
            lenient: boolean;
            /** Output */
            output: string;
            /**
             * Reason
             * @description The answer checker's reason for the verdicts; it names a tolerance (an approximate expected answer) or an unclosed answer tag when one let the answer pass leniently. Null before it was recorded.
             */
            reason?: string | null;
            /**
             * Reasoning Tokens
             * @description Tokens in the output's reasoning span; null when it has none.
             */
            reasoning_tokens?: number | null;
            /**
             * Samples
             * @description With samples: k, every sample's output and verdicts (this item's own are the first's).
             */
            samples?: {
                [key: string]: unknown;
            }[] | null;
            /** Section */
            section: string | null;
            /** Strict */
            strict: boolean;
        };
        /** EvaluationRead */
        EvaluationRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Dataset Key */
            dataset_key: string | null;
            /** Evalset Key */
            evalset_key: string;
            /** Format Compliance */
            format_compliance: number;
            /** Judges */
            judges: {
                [key: string]: unknown;
            }[];
            /** Lenient Accuracy */
            lenient_accuracy: number;
            /** Model */
            model: string;
            /** N Items */
            n_items: number;
            /** Primary Metric */
            primary_metric: string;
            /** Primary Score */
            primary_score: number;
            /**
             * Run Id
             * Format: uuid
             */
            run_id: string;
            /** Scorecard */
            scorecard: {
                [key: string]: unknown;
            };
            /**
             * Settings Hash
             * @description Fingerprint of the settings that determined the numbers (determinants.py): rows with equal ones are comparable; null for an evaluation made before settings were recorded.
             */
            settings_hash?: string | null;
            /** Source Run Id */
            source_run_id: string | null;
            /** Strict Accuracy */
            strict_accuracy: number;
        };
        /**
         * EvaluationSummary
         * @description One evaluation as the leaderboard lists it.
         */
        EvaluationSummary: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Dataset Key */
            dataset_key: string | null;
            /** Evalset Key */
            evalset_key: string;
            /** Format Compliance */
            format_compliance: number;
            /** Judges */
            judges: {
                [key: string]: unknown;
            }[];
            /** Lenient Accuracy */
            lenient_accuracy: number;
            /** Model */
            model: string;
            /** N Items */
            n_items: number;
            /** Primary Metric */
            primary_metric: string;
            /** Primary Score */
            primary_score: number;
            /**
             * Run Id
             * Format: uuid
             */
            run_id: string;
            /**
             * Settings Hash
             * @description Fingerprint of the settings that determined the numbers (determinants.py): rows with equal ones are comparable; null for an evaluation made before settings were recorded.
             */
            settings_hash?: string | null;
            /** Source Run Id */
            source_run_id: string | null;
            /** Strict Accuracy */
            strict_accuracy: number;
        };
        /** FileRead */
        FileRead: {
            /**
             * Path
             * @description Posix path relative to the version root.
             */
            path: string;
            /** Sha256 */
            sha256: string;
            /** Size */
            size: number;
        };
        /**
         * GrpoSettings
         * @description Group relative policy optimisation: sample a group per prompt, reward, push toward the better ones.
         */
        GrpoSettings: {
            /** @description Thresholds of the reward-hacking alarms over the recorded steps. */
            alarms?: components["schemas"]["AlarmSettings"];
            /**
             * Beta
             * @description KL penalty toward the reference model (0 keeps no reference).
             * @default 0
             */
            beta: number;
            /**
             * Max Completion Length
             * @description Most tokens generated per completion.
             * @default 128
             */
            max_completion_length: number;
            /**
             * Num Generations
             * @description Completions sampled per prompt (the group).
             * @default 4
             */
            num_generations: number;
            /**
             * Rewards
             * @description Reward functions and their weights.
             */
            rewards?: components["schemas"]["RewardSpec"][];
            /**
             * Rollouts Every
             * @description Record the rollouts (prompts, completions, rewards, advantages) of the first step and every Nth; unset records them at every logging step (logging_steps).
             */
            rollouts_every?: number | null;
            /**
             * Temperature
             * @description Sampling temperature of the completions.
             * @default 1
             */
            temperature: number;
        };
        /** Health */
        Health: {
            database: components["schemas"]["DatabaseHealth"];
            /**
             * Extras
             * @description Optional extras (postgres, torch, jax, ray) and whether installed.
             */
            extras: {
                [key: string]: boolean;
            };
            /**
             * Status
             * @description ok when the database answers and is at head, and queued runs have a live worker.
             * @enum {string}
             */
            status: "ok" | "degraded";
            /** Version */
            version: string;
            worker: components["schemas"]["WorkerHealth"];
        };
        /** ImportResult */
        ImportResult: {
            /**
             * Committed
             * @description Whether anything was stored (false when all-or-nothing failed).
             */
            committed: boolean;
            /** Created */
            created: number;
            /** Duplicates */
            duplicates: number;
            /** Errors */
            errors: {
                [key: string]: unknown;
            }[];
            /** Invalid */
            invalid: number;
            /**
             * Lines
             * @description Non-blank lines read.
             */
            lines: number;
        };
        /** IngestedItem */
        IngestedItem: {
            /** Created */
            created: boolean;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Index */
            index: number;
        };
        /**
         * ItemDiff
         * @description Output ``a`` turned into output ``b`` word by word: equal + delete runs give a, equal + insert b.
         */
        ItemDiff: {
            /**
             * A
             * Format: uuid
             */
            a: string;
            /**
             * B
             * Format: uuid
             */
            b: string;
            /** Runs */
            runs: components["schemas"]["DiffRun"][];
        };
        /**
         * ItemHistory
         * @description Every evaluation that scored one eval item, in the order the models were trained.
         */
        ItemHistory: {
            /** Entries */
            entries: components["schemas"]["ItemHistoryEntry"][];
            /** Evalset */
            evalset: string;
            /** Expected Answer */
            expected_answer: string;
            /** Item Id */
            item_id: string;
            /**
             * Prompt
             * @description The item's prompt; null when the eval set's snapshot is not on disk.
             */
            prompt: string | null;
        };
        /**
         * ItemHistoryEntry
         * @description One evaluation's output for the item and its verdicts.
         */
        ItemHistoryEntry: {
            /**
             * Agreement
             * @description With samples: k, the share of samples that gave the majority answer.
             */
            agreement?: number | null;
            /** Dataset Key */
            dataset_key: string | null;
            /**
             * Evaluated At
             * Format: date-time
             */
            evaluated_at: string;
            /**
             * Evaluation
             * Format: uuid
             * @description The eval run that scored the item.
             */
            evaluation: string;
            /** Extracted Answer */
            extracted_answer: string | null;
            /** Failure */
            failure: string | null;
            /** Format Ok */
            format_ok: boolean;
            /** Lenient */
            lenient: boolean;
            /** Model */
            model: string;
            /** Output */
            output: string;
            /**
             * Reason
             * @description The answer checker's reason for the verdicts; it names a tolerance (an approximate expected answer) or an unclosed answer tag when one let the answer pass leniently. Null before it was recorded.
             */
            reason?: string | null;
            /**
             * Reasoning Tokens
             * @description Tokens in the output's reasoning span; null when it has none.
             */
            reasoning_tokens?: number | null;
            /**
             * Source Run Id
             * @description The training run evaluated; null for a base model.
             */
            source_run_id: string | null;
            /** Strict */
            strict: boolean;
            /**
             * Trained At
             * @description When the training run was created; the history's order.
             */
            trained_at: string | null;
        };
        /**
         * JudgeAgreement
         * @description A judge's verdicts against human labels (unsure labels and undecided items left out).
         */
        JudgeAgreement: {
            /** Accuracy */
            accuracy: number | null;
            /**
             * Confusion
             * @description tp, fp, fn, tn with 'positive' meaning correct.
             */
            confusion: {
                [key: string]: number;
            };
            /** Disagreements */
            disagreements: components["schemas"]["Disagreement"][];
            /**
             * Kappa
             * @description Cohen's kappa; null when undefined (no items, or one class only).
             */
            kappa: number | null;
            /** N */
            n: number;
        };
        /** LabelRead */
        LabelRead: {
            /** Item Id */
            item_id: string;
            /** Label */
            label: string;
            /**
             * Labeled At
             * Format: date-time
             */
            labeled_at: string;
            /**
             * Labeled By
             * @description The API token's name, cli:<user>, or local (no token).
             */
            labeled_by: string;
            /** Note */
            note: string | null;
            /**
             * Run Id
             * Format: uuid
             */
            run_id: string;
        };
        /**
         * LabelSet
         * @description A person's verdict on one item.
         */
        LabelSet: {
            /**
             * Label
             * @enum {string}
             */
            label: "correct" | "incorrect" | "unsure";
            /**
             * Note
             * @description Why, for whoever reads the label later.
             */
            note?: string | null;
        };
        /** LeaderboardPage */
        LeaderboardPage: {
            /** Items */
            items: components["schemas"]["EvaluationSummary"][];
            /**
             * Left Out
             * @description Judge metrics whose evaluations were left out: the judge does not yet agree with human labels well enough to rank (force includes them).
             */
            left_out?: components["schemas"]["LeftOut"][];
            /** Next Cursor */
            next_cursor: string | null;
            /**
             * Settings Differences
             * @description With force: the settings differences ranked over (empty otherwise).
             */
            settings_differences?: components["schemas"]["SettingsMismatch"][];
        };
        /**
         * LeftOut
         * @description A judge metric the leaderboard did not rank by, and why.
         */
        LeftOut: {
            /** Metric */
            metric: string;
            /** Reason */
            reason: string;
        };
        /** LogLine */
        LogLine: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Line */
            line: string;
            /**
             * Seq
             * @description Position in the run's log, from 1; the SSE event id.
             */
            seq: number;
            /**
             * Stream
             * @description stdout, stderr, log, status, event, alarm (a reward-hacking alarm) or worker.
             */
            stream: string;
        };
        /** LogPage */
        LogPage: {
            /**
             * Done
             * @description The run is finished and every line has been returned.
             */
            done: boolean;
            /** Items */
            items: components["schemas"]["LogLine"][];
            /**
             * Next After
             * @description Pass as ?after= to continue.
             */
            next_after: number;
            status: components["schemas"]["RunStatus"];
        };
        /**
         * LoopConfig
         * @description A self-improvement loop: R rounds of sample -> keep verified -> dataset -> SFT -> evaluate.
         */
        LoopConfig: {
            /**
             * Dataset
             * @description Trace dataset whose training split gives the prompts.
             */
            dataset: string;
            /**
             * Evalset
             * @description Held-out eval set every round is judged on.
             */
            evalset: string;
            /** @description Each round's evaluation. */
            evaluation?: components["schemas"]["RoundEvaluation"];
            /**
             * Mix Previous
             * @description Train each round on the verified samples of all rounds so far, not only its own.
             * @default false
             */
            mix_previous: boolean;
            /**
             * Rounds
             * @description Rounds after round 0 (each samples, trains and evaluates).
             * @default 2
             */
            rounds: number;
            /** @description Each round's sampling. */
            sampling?: components["schemas"]["RoundSampling"];
            /**
             * Seed
             * @description Seed of sampling (round r samples from seed + 1000 r).
             * @default 0
             */
            seed: number;
            /**
             * Start
             * Format: uuid
             * @description The succeeded training run whose model round 0 is (a unique id prefix works).
             */
            start: string;
            /**
             * Steps Checked
             * @description Keep only samples whose every arithmetic step checks out (the ingest report's arithmetic check), not only their final answer: a weak model's right answers often come with wrong steps.
             * @default false
             */
            steps_checked: boolean;
            /** @description Each round's SFT. */
            training?: components["schemas"]["RoundTraining"];
        };
        /**
         * LoopCreate
         * @description A loop to queue: it runs as a run of kind ``loop``.
         */
        LoopCreate: {
            /**
             * Config
             * @description A loop config (start, dataset, evalset, rounds, sampling, ...).
             */
            config: {
                [key: string]: unknown;
            };
            /**
             * Name
             * @description A name for the loop's run.
             */
            name?: string | null;
            /**
             * Tags
             * @description Labels for filtering.
             */
            tags?: string[];
        };
        /** LoopPage */
        LoopPage: {
            /** Items */
            items: components["schemas"]["LoopSummary"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** LoopRead */
        LoopRead: {
            /** @description The validated loop config. */
            config: components["schemas"]["LoopConfig"];
            /**
             * Rounds
             * @description Every round reached, round 0 first.
             */
            rounds: components["schemas"]["RoundRead"][];
            /** @description The loop's run (status, logs and metrics as for any run). */
            run: components["schemas"]["RunRead"];
        };
        /** LoopSummary */
        LoopSummary: {
            /**
             * Latest Strict
             * @description Held-out strict accuracy of the latest evaluated round.
             */
            latest_strict: number | null;
            /**
             * Rounds Done
             * @description Rounds evaluated, round 0 included.
             */
            rounds_done: number;
            /** @description The loop's run. */
            run: components["schemas"]["RunRead"];
        };
        /**
         * LoraSettings
         * @description Low-rank adapters, or full fine-tuning with ``full: true``.
         */
        LoraSettings: {
            /**
             * Alpha
             * @description Adapter scaling alpha; 16 when unset.
             */
            alpha?: number | null;
            /**
             * Dropout
             * @description Dropout on the adapter input.
             * @default 0
             */
            dropout: number;
            /**
             * Full
             * @description Train every weight instead of LoRA adapters (then r/alpha must be unset).
             * @default false
             */
            full: boolean;
            /**
             * R
             * @description Adapter rank; 8 when unset.
             */
            r?: number | null;
            /**
             * Target Modules
             * @description Module names to adapt, or 'all-linear' for every linear layer but the output head, and for a tiny preset the head too (lm_head). The same modules on both backends; the run manifest lists them. torch trains lm_head whole (TRL refuses an adapter on it).
             * @default all-linear
             */
            target_modules: string[] | "all-linear";
        };
        /**
         * MeshShape
         * @description How a JAX run lays its devices out: Tunix's two mesh axes. The batch is split along
         *     ``fsdp`` (data parallel), which also shards the weights (FSDP); ``tp`` splits attention heads
         *     and MLP widths (tensor parallel).
         */
        MeshShape: {
            /**
             * Fsdp
             * @description Devices along the data/FSDP axis; devices / tp when unset.
             */
            fsdp?: number | null;
            /**
             * Tp
             * @description Devices along the tensor-parallel axis.
             * @default 1
             */
            tp: number;
        };
        /** MetricSeries */
        MetricSeries: {
            /**
             * Count
             * @description Points stored, before downsampling.
             */
            count: number;
            /** Name */
            name: string;
            /** Steps */
            steps: number[];
            /** Times */
            times: string[];
            /** Values */
            values: number[];
        };
        /**
         * MetricsBatch
         * @description Several runs' series at once, for overlaying them in one chart.
         */
        MetricsBatch: {
            /**
             * Points
             * @description The point budget the series were downsampled to, in all.
             */
            points: number;
            /**
             * Returned
             * @description Points returned in all (at most ``points``).
             */
            returned: number;
            /**
             * Series
             * @description Per run in the order asked, its series by name.
             */
            series: components["schemas"]["RunSeries"][];
        };
        /** ModelCreate */
        ModelCreate: {
            /**
             * Description
             * @description What this model is for.
             * @default
             */
            description: string;
            /**
             * Name
             * @description Lowercase letters, digits, '.', '_', '-'; ≤64.
             */
            name: string;
            /**
             * Tags
             * @description Labels for filtering.
             */
            tags?: string[];
        };
        /** ModelPage */
        ModelPage: {
            /** Items */
            items: components["schemas"]["ModelRead"][];
            /**
             * Next Cursor
             * @description Pass as cursor for the next page; null on the last.
             */
            next_cursor: string | null;
        };
        /** ModelRead */
        ModelRead: {
            /**
             * Aliases
             * @description Alias name -> the version it points at, as vN.
             */
            aliases: {
                [key: string]: string;
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /**
             * Latest
             * @description The highest version, as vN.
             */
            latest: string | null;
            /** Name */
            name: string;
            /** Tags */
            tags: string[];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Version Count */
            version_count: number;
        };
        /** ModelUpdate */
        ModelUpdate: {
            /**
             * Description
             * @description Replaces the description when given.
             */
            description?: string | null;
            /**
             * Tags
             * @description Replaces the tags when given.
             */
            tags?: string[] | null;
        };
        /** MovedTrace */
        MovedTrace: {
            /** From Split */
            from_split: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** To Split */
            to_split: string;
        };
        /**
         * Objective
         * @description What a trial is scored by: one scorecard metric of its evaluation on an eval set.
         */
        Objective: {
            /**
             * Batch Size
             * @description Prompts generated together in the evaluation.
             * @default 16
             */
            batch_size: number;
            /**
             * Evalset
             * @description Eval set key, name@vN; must exist at submit.
             */
            evalset: string;
            /**
             * Judges
             * @description Judges: exact, normalized, math, format, llm.
             */
            judges?: string[];
            /**
             * Limit
             * @description Evaluate only the first N items of the eval set.
             */
            limit?: number | null;
            /**
             * Max New Tokens
             * @description Most tokens generated per item.
             * @default 128
             */
            max_new_tokens: number;
            /**
             * Metric
             * @description strict_accuracy, lenient_accuracy, format_compliance, truncation_rate, mean_output_tokens, mean_output_chars, or judge:<a listed judge>.
             * @default strict_accuracy
             */
            metric: string;
            /**
             * Mode
             * @description Whether a higher or a lower value is better.
             * @default max
             * @enum {string}
             */
            mode: "max" | "min";
        };
        /**
         * OptimizerSettings
         * @description AdamW with a warmup then a decay schedule.
         */
        OptimizerSettings: {
            /**
             * Decay
             * @description Schedule after warmup.
             * @default linear
             * @enum {string}
             */
            decay: "linear" | "cosine" | "constant";
            /**
             * Lr
             * @description Peak learning rate.
             * @default 0.0002
             */
            lr: number;
            /**
             * Max Grad Norm
             * @description Gradient clipping norm; null turns clipping off.
             * @default 1
             */
            max_grad_norm: number | null;
            /**
             * Warmup Steps
             * @description Optimizer steps of linear warmup from 0 to lr.
             * @default 0
             */
            warmup_steps: number;
            /**
             * Weight Decay
             * @description AdamW decoupled weight decay.
             * @default 0
             */
            weight_decay: number;
        };
        /**
         * ParallelTable
         * @description The trials as a parallel-coordinates chart reads them: one axis per column.
         */
        ParallelTable: {
            /** Columns */
            columns: components["schemas"]["TableColumn"][];
            /** Rows */
            rows: components["schemas"]["TableRow"][];
        };
        /**
         * Problem
         * @description An RFC 9457 problem document: the body of every error the API answers.
         */
        Problem: {
            /**
             * Detail
             * @description What went wrong, in words.
             */
            detail: string;
            /**
             * Errors
             * @description Field-level problems: loc (the path to the field, e.g. body.meta.x), msg, type.
             */
            errors?: {
                [key: string]: unknown;
            }[] | null;
            /** Status */
            status: number;
            /** Title */
            title: string;
            /**
             * Type
             * @description Always about:blank; the status and title say what happened.
             * @default about:blank
             */
            type: string;
        };
        /** PromoteResult */
        PromoteResult: {
            /** Aliases */
            aliases: string[];
            /** Archive Url */
            archive_url: string;
            /**
             * Config
             * @description The training config of the source run.
             */
            config: {
                [key: string]: unknown;
            };
            /**
             * Content Hash
             * @description sha256 of the canonical manifest of (path, size, sha256) entries.
             */
            content_hash: string;
            /**
             * Created
             * @description False when identical content was already this model's version.
             */
            created: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /** File Count */
            file_count: number;
            /**
             * Format
             * @description merged: base + adapter as one model; full: a full fine-tune; adapter: LoRA weights (with base-model/ when the base came from the run).
             * @enum {string}
             */
            format: "merged" | "full" | "adapter";
            /**
             * Label
             * @description The label given at promotion, else vN.
             */
            label: string;
            /**
             * Metrics
             * @description Evaluation metrics recorded when it was promoted.
             */
            metrics: {
                [key: string]: unknown;
            };
            /** Model */
            model: string;
            /**
             * Number
             * @description Order of promotion within the model, from 1; vN names version N.
             */
            number: number;
            /**
             * Provenance
             * @description Dataset key + sha256, base model, tokenizer hash, package versions, run and hardware.
             */
            provenance: {
                [key: string]: unknown;
            };
            /**
             * Run Id
             * @description The source run (null once that run is deleted; provenance keeps it).
             */
            run_id: string | null;
            /**
             * Size
             * @description Total bytes of the version's files.
             */
            size: number;
        };
        /**
         * QualityReport
         * @description The report kept beside every trace; ``ok`` is true exactly when ``flags`` is empty.
         */
        QualityReport: {
            /** Arithmetic */
            arithmetic: components["schemas"]["ArithmeticCheck"][];
            /** Flags */
            flags: string[];
            /** Ok */
            ok: boolean;
            stats: components["schemas"]["QualityStats"];
        };
        /**
         * QualityStats
         * @description Sizes and counts that curation filters and dashboards sort by.
         */
        QualityStats: {
            /** Answer Chars */
            answer_chars: number;
            /** Arithmetic Checked */
            arithmetic_checked: number;
            /** Arithmetic Wrong */
            arithmetic_wrong: number;
            /** Prompt Chars */
            prompt_chars: number;
            /** Step Chars Max */
            step_chars_max: number;
            /** Step Chars Total */
            step_chars_total: number;
            /** Step Count */
            step_count: number;
        };
        /** QueryCount */
        QueryCount: {
            /**
             * Matched
             * @description Traces the query matches, before selection, dedupe, limit and split.
             */
            matched: number;
        };
        /** RegressionCheck */
        RegressionCheck: {
            /**
             * Baseline
             * @description Name of the baseline.
             */
            baseline: string;
            /**
             * Force
             * @description Check even when the two evaluations' determining settings differ (409 otherwise).
             * @default false
             */
            force: boolean;
            /**
             * Run
             * @description Eval run, or a training run whose latest evaluation is checked. The full id, or a unique prefix of it (6+ hex characters).
             */
            run: string;
        };
        /** RegressionResult */
        RegressionResult: {
            /** Abs Tolerance */
            abs_tolerance: number;
            /**
             * Allowed Shortfall
             * @description The minimum effect: max(abs_tolerance, rel_tolerance * |baseline|).
             */
            allowed_shortfall: number;
            /**
             * Alpha
             * @description Significance level of the baseline's paired test.
             */
            alpha: number;
            /** Baseline */
            baseline: string;
            /**
             * Baseline Evaluation
             * Format: uuid
             */
            baseline_evaluation: string;
            /** Baseline Value */
            baseline_value: number;
            /**
             * Candidate Evaluation
             * Format: uuid
             */
            candidate_evaluation: string;
            /** Candidate Value */
            candidate_value: number;
            /** Delta */
            delta: number;
            /** Direction */
            direction: string;
            /**
             * Effect
             * @description Candidate minus baseline over the paired items.
             */
            effect: number | null;
            /** Effect High */
            effect_high: number | null;
            /**
             * Effect Low
             * @description Lower end of the effect's 95% bootstrap interval.
             */
            effect_low: number | null;
            /** Evalset */
            evalset: string;
            /** Metric */
            metric: string;
            /** P Value */
            p_value: number | null;
            /** Paired Items */
            paired_items: number;
            /** Passed */
            passed: boolean;
            /**
             * Reason
             * @description Why it passed or failed, in one line.
             */
            reason: string;
            /** Rel Tolerance */
            rel_tolerance: number;
            /**
             * Settings Differences
             * @description Determining settings that differ (a: baseline, b: candidate); non-empty only when forced.
             */
            settings_differences: components["schemas"]["SettingsDifference"][];
            /**
             * Shortfall
             * @description How far the candidate fell short (negative when it is better).
             */
            shortfall: number;
            /**
             * Significant
             * @description Whether p_value < alpha; null without a test.
             */
            significant: boolean | null;
            /**
             * Test
             * @description The paired test over items; null for a metric that is not an item verdict.
             */
            test: string | null;
        };
        /**
         * RenderTemplate
         * @description Tags and layout of the assistant's answer; recorded in every dataset manifest.
         */
        RenderTemplate: {
            /**
             * Answer Close
             * @description Written after the answer; ends the extraction.
             * @default </answer>
             */
            answer_close: string;
            /**
             * Answer Open
             * @description Written before the answer; marks it for extraction.
             * @default <answer>
             */
            answer_open: string;
            /**
             * Prompt Separator
             * @description Written after the question in prompt_completion text, so the answer starts on a token boundary.
             * @default
             */
            prompt_separator: string;
            /**
             * Reasoning Close
             * @description Written after the reasoning steps.
             * @default </reasoning>
             */
            reasoning_close: string;
            /**
             * Reasoning Open
             * @description Written before the reasoning steps.
             * @default <reasoning>
             */
            reasoning_open: string;
            /**
             * Separator
             * @description Written between the closed reasoning and the opened answer.
             * @default
             */
            separator: string;
            /**
             * Step Format
             * @description How one step is written; placeholders {i} (index), {n} (1-based position), {type}, {content}.
             * @default {content}
             */
            step_format: string;
            /**
             * Step Separator
             * @description Written between two steps.
             * @default
             */
            step_separator: string;
            /**
             * System Prompt
             * @description Optional instruction given to the model before the question (system turn).
             */
            system_prompt?: string | null;
        };
        /**
         * Resources
         * @description What Ray reserves for one trial (its training and evaluation run in the trial's process).
         */
        Resources: {
            /**
             * Cpu
             * @description CPUs per trial.
             * @default 1
             */
            cpu: number;
            /**
             * Gpu
             * @description GPUs per trial (fractions share one).
             * @default 0
             */
            gpu: number;
        };
        /**
         * RewardSpec
         * @description One GRPO reward, by a name the server registers (training/rewards.py says which).
         */
        RewardSpec: {
            /**
             * Name
             * @description 'format', 'correctness', 'length', a 'tunix_rt.rewards' entry point, or 'file:function' from the server's reward folders; an unknown name is refused at submit with the list of available ones.
             */
            name: string;
            /**
             * Options
             * @description Keyword arguments bound to the function.
             */
            options?: {
                [key: string]: unknown;
            };
            /**
             * Weight
             * @description Weight of this reward in the sum GRPO optimises.
             * @default 1
             */
            weight: number;
        };
        /** RolloutPage */
        RolloutPage: {
            /** Items */
            items: components["schemas"]["RolloutRead"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /**
         * RolloutRead
         * @description One recorded GRPO completion.
         */
        RolloutRead: {
            /**
             * Advantage
             * @description Its advantage within its group.
             */
            advantage: number;
            /**
             * Answer
             * @description The expected answer, if the dataset has one.
             */
            answer: string | null;
            /** Completion */
            completion: string;
            /**
             * Group Index
             * @description Which prompt of the step's batch (its group).
             */
            group_index: number;
            /**
             * Length
             * @description Completion length in tokens.
             */
            length: number;
            /** Prompt */
            prompt: string;
            /**
             * Rewards
             * @description Each reward function's unweighted value.
             */
            rewards: {
                [key: string]: number;
            };
            /**
             * Sample Index
             * @description Which completion of the group.
             */
            sample_index: number;
            /**
             * Step
             * @description Optimizer step whose generation batch it belongs to.
             */
            step: number;
            /**
             * Total
             * @description The weighted sum of the rewards, what GRPO optimised.
             */
            total: number;
        };
        /**
         * RolloutSteps
         * @description Per-step summaries of a run's rollouts and the alarms they trip.
         */
        RolloutSteps: {
            /** Alarms */
            alarms: components["schemas"]["AlarmRead"][];
            /** Steps */
            steps: components["schemas"]["StepSummaryRead"][];
            /**
             * Window
             * @description Recorded steps per alarm window.
             */
            window: number;
        };
        /**
         * RoundEvaluation
         * @description How every round's model (round 0: the starting one) is judged on the eval set.
         */
        RoundEvaluation: {
            /**
             * Batch Size
             * @description Prompts generated together.
             * @default 100
             */
            batch_size: number;
            /**
             * Max New Tokens
             * @description Most tokens generated per item.
             * @default 128
             */
            max_new_tokens: number;
        };
        /** RoundRead */
        RoundRead: {
            /**
             * Dataset Key
             * @description The dataset of the verified samples this round trained on.
             */
            dataset_key: string | null;
            /**
             * Error
             * @description Why the round failed.
             */
            error: string | null;
            /**
             * Eval Run Id
             * @description The held-out evaluation of this round's model.
             */
            eval_run_id: string | null;
            /**
             * Pass At 1
             * @description pass@1 of the sampled model on the training prompts.
             */
            pass_at_1: number | null;
            /**
             * Pass At K
             * @description pass@k of the sampled model on the training prompts.
             */
            pass_at_k: number | null;
            /**
             * Round
             * @description 0 is the starting model; round r trains from round r-1's model.
             */
            round: number;
            /**
             * Sample Run Id
             * @description The sampling of the previous round's model.
             */
            sample_run_id: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "running" | "succeeded" | "failed";
            /** @description Held-out strict accuracy, once evaluated. */
            strict_accuracy: components["schemas"]["Accuracy"] | null;
            /**
             * Traces Kept
             * @description Verified completions kept as traces.
             */
            traces_kept: number | null;
            /**
             * Train Run Id
             * @description This round's SFT.
             */
            train_run_id: string | null;
            /** @description Against round 0, once both are evaluated. */
            versus_start: components["schemas"]["VersusStart"] | null;
        };
        /**
         * RoundSampling
         * @description How each round samples the current model on the training prompts.
         */
        RoundSampling: {
            /**
             * K
             * @description Completions per prompt.
             * @default 4
             */
            k: number;
            /**
             * Max Tokens
             * @description Most tokens per completion.
             * @default 256
             */
            max_tokens: number;
            /**
             * Prompts
             * @description Only the first N prompts of the training split.
             */
            prompts?: number | null;
            /**
             * Temperature
             * @description Sampling temperature (0 is greedy).
             * @default 0.8
             */
            temperature: number;
        };
        /**
         * RoundTraining
         * @description What each round's SFT changes from the starting run's training config.
         */
        RoundTraining: {
            /**
             * Batch Size
             * @description Examples per step (unset: the starting run's).
             */
            batch_size?: number | null;
            /**
             * Lr
             * @description Peak learning rate (unset: the starting run's).
             */
            lr?: number | null;
            /**
             * Steps
             * @description Optimizer steps of each round's SFT.
             * @default 100
             */
            steps: number;
        };
        /**
         * RunCreate
         * @description A run to queue: its kind and that kind's config (validated by the kind's model).
         */
        RunCreate: {
            /**
             * Config
             * @description The kind's config; unknown fields are refused.
             */
            config?: {
                [key: string]: unknown;
            };
            /**
             * Kind
             * @description Registered run kind, e.g. train or eval.
             */
            kind: string;
            /** Name */
            name?: string | null;
            /** Notes */
            notes?: string | null;
            /**
             * Priority
             * @description Higher is claimed first; default from the run_priorities setting.
             */
            priority?: number | null;
            /**
             * Tags
             * @description Labels for filtering.
             */
            tags?: string[];
        };
        /** RunMetrics */
        RunMetrics: {
            /**
             * Names
             * @description Every series the run has.
             */
            names: string[];
            /**
             * Run Id
             * Format: uuid
             */
            run_id: string;
            /** Series */
            series: components["schemas"]["MetricSeries"][];
        };
        /** RunPage */
        RunPage: {
            /** Items */
            items: components["schemas"]["RunRead"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** RunRead */
        RunRead: {
            /**
             * Attempts
             * @description How many times a worker has claimed it.
             */
            attempts: number;
            /** Config */
            config: {
                [key: string]: unknown;
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Dataset Key */
            dataset_key: string | null;
            /**
             * Devices
             * @description Devices it needs on one worker; only a worker offering as many claims it.
             * @default 1
             */
            devices: number;
            /**
             * Error
             * @description Why it failed: the child's last stderr line, or the lease reason.
             */
            error: string | null;
            /** Evalset Key */
            evalset_key: string | null;
            /** Exit Code */
            exit_code: number | null;
            /** Finished At */
            finished_at: string | null;
            /** Heartbeat At */
            heartbeat_at: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Kind */
            kind: string;
            /** Last Checkpoint */
            last_checkpoint: string | null;
            /** Lease Expires At */
            lease_expires_at: string | null;
            /** Model */
            model: string | null;
            /**
             * Name
             * @description A human name; lists show the short id without one.
             */
            name: string | null;
            /** Notes */
            notes: string | null;
            /**
             * Parent Id
             * @description The run that submitted this one (a sweep, for its trials).
             */
            parent_id?: string | null;
            /** Priority */
            priority: number;
            /**
             * Resumable
             * @description POST .../resume would be accepted: failed or cancelled, a checkpoint recorded, a resumable kind.
             * @default false
             */
            resumable: boolean;
            /**
             * Retry Of
             * @description The failed or cancelled run this one retries or resumes.
             */
            retry_of: string | null;
            /** Started At */
            started_at: string | null;
            status: components["schemas"]["RunStatus"];
            /** Tags */
            tags: string[];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Url */
            readonly url: string;
            /**
             * Worker Id
             * @description The worker holding it while it runs.
             */
            worker_id: string | null;
        };
        /**
         * RunResources
         * @description The devices one run trains on. ``batch_size`` stays the batch of the whole run on every
         *     backend: torch launches ``devices`` processes on each of ``nodes`` machines with torchrun
         *     and each takes ``batch_size / (devices x nodes)``; JAX lays the devices out as a ``mesh``
         *     and Tunix splits the batch along its data axis. So adding devices changes how fast a run
         *     trains, not what it learns.
         */
        RunResources: {
            /**
             * Cpus
             * @description Ray executor only: CPUs reserved for the run on the cluster (its torch threads); 1 when unset.
             */
            cpus?: number | null;
            /**
             * Devices
             * @description Devices to train on (on each node); 1 trains on one device.
             * @default 1
             */
            devices: number;
            /**
             * Memory Gb
             * @description Ray executor only: memory (GiB) reserved for the run on the cluster; none when unset.
             */
            memory_gb?: number | null;
            /** @description JAX only: the mesh over the devices; {fsdp: devices, tp: 1} (data parallel) when unset. fsdp x tp must equal devices. */
            mesh?: components["schemas"]["MeshShape"] | null;
            /**
             * Nodes
             * @description torch: machines that train together; over 1 needs rendezvous. JAX hosts join with jax.distributed instead (see the scaling-out guide).
             * @default 1
             */
            nodes: number;
            /**
             * Rendezvous
             * @description torch: host:port where the nodes of a multi-node run meet (torchrun's static rendezvous on node 0); required when nodes is over 1, unused otherwise.
             */
            rendezvous?: string | null;
            /**
             * Strategy
             * @description torch: ddp replicates the model on every device; fsdp shards weights, gradients and optimizer state across GPUs (for a model one GPU cannot hold; not on a CPU); auto is ddp. A JAX run's layout is its mesh.
             * @default auto
             * @enum {string}
             */
            strategy: "auto" | "ddp" | "fsdp";
        };
        /** RunSeries */
        RunSeries: {
            /**
             * Count
             * @description Points stored, before downsampling.
             */
            count: number;
            /** Name */
            name: string;
            /**
             * Run Id
             * Format: uuid
             */
            run_id: string;
            /** Steps */
            steps: number[];
            /** Values */
            values: number[];
        };
        /**
         * RunStatus
         * @enum {string}
         */
        RunStatus: "queued" | "running" | "cancel_requested" | "succeeded" | "failed" | "cancelled";
        /**
         * RunSummary
         * @description Counts for a dashboard, read from the database in a few aggregates.
         */
        RunSummary: {
            /**
             * By Status
             * @description Runs in each status; every status is present.
             */
            by_status: {
                [key: string]: number;
            };
            /**
             * Generated At
             * Format: date-time
             */
            generated_at: string;
            /**
             * Lease Seconds
             * @description The alive threshold: the run_lease_seconds setting.
             */
            lease_seconds: number;
            /**
             * Queued By Kind
             * @description Queued runs by kind; kinds with none are absent.
             */
            queued_by_kind: {
                [key: string]: number;
            };
            /**
             * Workers
             * @description Registered workers, alive or stale, by id.
             */
            workers: components["schemas"]["WorkerSummary"][];
        };
        /**
         * RunUpdate
         * @description What may change on a run after it is queued: the user's words about it. A field left
         *     out stays as it is; null clears it.
         */
        RunUpdate: {
            /** Name */
            name?: string | null;
            /** Notes */
            notes?: string | null;
        };
        /**
         * Scheduler
         * @description When trials end: FIFO runs each to the end, ASHA stops the worse ones early on the
         *     training loss the trials report every ``logging_steps``.
         */
        Scheduler: {
            /**
             * Grace Period
             * @description Loss reports a trial makes before ASHA may stop it.
             * @default 1
             */
            grace_period: number;
            /**
             * Max T
             * @description Loss reports after which ASHA stops any trial.
             * @default 100
             */
            max_t: number;
            /**
             * Metric
             * @description What ASHA compares (the training loss, lower is better).
             * @default loss
             * @constant
             */
            metric: "loss";
            /**
             * Reduction Factor
             * @description ASHA keeps 1/reduction_factor of trials per rung.
             * @default 2
             */
            reduction_factor: number;
            /**
             * Type
             * @description fifo or asha.
             * @default fifo
             * @enum {string}
             */
            type: "fifo" | "asha";
        };
        /**
         * Search
         * @description How trial parameters are chosen.
         */
        Search: {
            /**
             * Seed
             * @description Seed of the sampler.
             * @default 0
             */
            seed: number;
            /**
             * Type
             * @description random sampling, the full grid, or Optuna's TPE through Ray Tune.
             * @default random
             * @enum {string}
             */
            type: "random" | "grid" | "optuna";
        };
        /**
         * Selection
         * @description How the matching traces are chosen and ordered.
         */
        Selection: {
            /**
             * Balance
             * @description Under a limit, keep strata in their proportions, or take equally from each.
             * @default proportional
             * @enum {string}
             */
            balance: "proportional" | "equal";
            /**
             * Difficulty Key
             * @description Meta key read for curriculum stages.
             */
            difficulty_key?: string | null;
            /**
             * Seed
             * @description Seed of random, stratified and curriculum order.
             * @default 0
             */
            seed: number;
            /**
             * Stages
             * @description Curriculum stages, easiest first.
             */
            stages?: components["schemas"]["Stage"][];
            /**
             * Strategy
             * @description all: oldest first; latest: newest first; random: seeded shuffle; stratified: seeded, balanced over a meta key; curriculum: ordered by a difficulty key into named stages.
             * @default all
             * @enum {string}
             */
            strategy: "all" | "latest" | "random" | "stratified" | "curriculum";
            /**
             * Stratify By
             * @description Meta key whose values are the strata.
             */
            stratify_by?: string | null;
        };
        /**
         * SelfCorrection
         * @description Teach checking: append a verification step, and for a seeded fraction inject an error that
         *     the next step explicitly corrects.
         */
        SelfCorrection: {
            /**
             * Error Fraction
             * @description Share of traces given an injected, corrected error.
             * @default 0
             */
            error_fraction: number;
            /**
             * Seed
             * @description Seed choosing which traces get an injected error, and the error.
             * @default 0
             */
            seed: number;
            /**
             * Verify
             * @description Append a step that re-checks the computations.
             * @default true
             */
            verify: boolean;
        };
        /**
         * SettingsDifference
         * @description One determining setting whose value differs between two evaluations.
         */
        SettingsDifference: {
            /** A */
            a: unknown;
            /** B */
            b: unknown;
            /**
             * Setting
             * @description Dotted name, e.g. batch_size, sampling.seed, packages.torch.
             */
            setting: string;
        };
        /**
         * SettingsMismatch
         * @description Two groups of leaderboard rows on one eval set whose settings differ: the largest group (a)
         *     and another (b), by model, with what differs.
         */
        SettingsMismatch: {
            /**
             * A
             * @description Models of the largest group of rows sharing settings.
             */
            a: string[];
            /**
             * B
             * @description Models of a group whose settings differ from a's.
             */
            b: string[];
            /** Differences */
            differences: components["schemas"]["SettingsDifference"][];
            /** Evalset */
            evalset: string;
        };
        /**
         * SplitSpec
         * @description Train/eval split: eval gets a fraction or a count, train the rest; seeded, optionally
         *     stratified, and optionally by groups so that a problem is never both trained on and evaluated.
         */
        SplitSpec: {
            /**
             * Eval Count
             * @description Exact number of eval items (instead of a fraction); with group_by, the least.
             */
            eval_count?: number | null;
            /**
             * Eval Fraction
             * @description Share of the selection for eval (default 0.1).
             */
            eval_fraction?: number | null;
            /**
             * Group By
             * @description Hold out problems, not rows: traces with the same value go to the same split. 'prompt' groups by the prompt normalised as near-dedupe reads it (case, punctuation, spaces); any other name is a meta key (column_arithmetic writes 'problem'), and a trace without it is a group of its own. Eval takes whole groups, so it may hold a few more items than asked; the manifest's holdout section counts the groups per split and those in both (a build where any is refused).
             */
            group_by?: string | null;
            /**
             * Seed
             * @description Seed of the split; another seed gives another split.
             * @default 0
             */
            seed: number;
            /**
             * Stratify By
             * @description Meta key (or 'stage' for curriculum) to split each stratum alike.
             */
            stratify_by?: string | null;
        };
        /**
         * Stage
         * @description One curriculum stage: the traces whose difficulty value is listed, or lies in [min, max).
         */
        Stage: {
            /**
             * Max
             * @description Numeric difficulty below this (with a numeric key).
             */
            max?: number | null;
            /**
             * Min
             * @description Numeric difficulty at least this (with a numeric key).
             */
            min?: number | null;
            /**
             * Name
             * @description Stage name, recorded on every item.
             */
            name: string;
            /**
             * Values
             * @description Difficulty values (as text) that belong here.
             */
            values?: string[];
        };
        /**
         * Step
         * @description One reasoning step: its index, a free-form type label and its text.
         */
        Step: {
            /**
             * Content
             * @description The step's text.
             */
            content: string;
            /**
             * I
             * @description Step index, unique within the trace.
             */
            i: number;
            /**
             * Type
             * @description What kind of step this is (setup, calculation, result...).
             */
            type: string;
        };
        /**
         * StepDiffRun
         * @description One run of the step diff: ``a`` steps replaced by (or equal to) ``b`` steps.
         */
        StepDiffRun: {
            /**
             * A
             * @description The run's steps in trace a (empty for insert).
             */
            a: components["schemas"]["Step"][];
            /**
             * B
             * @description The run's steps in trace b (empty for delete).
             */
            b: components["schemas"]["Step"][];
            /**
             * Op
             * @enum {string}
             */
            op: "equal" | "replace" | "insert" | "delete";
        };
        /** StepRange */
        StepRange: {
            /** Max */
            max: number | null;
            /** Mean */
            mean: number | null;
            /** Min */
            min: number | null;
        };
        /**
         * StepSummaryRead
         * @description One recorded step's rollouts in summary: what the per-reward curves draw.
         */
        StepSummaryRead: {
            /**
             * Length
             * @description Mean completion length in tokens.
             */
            length: number;
            /**
             * Rewards
             * @description Mean of each reward function's values.
             */
            rewards: {
                [key: string]: number;
            };
            /** Step */
            step: number;
            /**
             * Total
             * @description Mean weighted total.
             */
            total: number;
            /**
             * Zero Std Groups
             * @description Fraction of groups whose rewards were all equal (zero advantage).
             */
            zero_std_groups: number;
        };
        /**
         * SweepConfig
         * @description A sweep: trials of ``base`` with the ``space`` applied, scored by ``objective``.
         */
        SweepConfig: {
            /** @description The training config every trial starts from (evaluate is dropped). */
            base: components["schemas"]["TrainConfig"];
            /**
             * Concurrency
             * @description Trials running at once.
             * @default 1
             */
            concurrency: number;
            /** @description The metric trials are ranked by. */
            objective: components["schemas"]["Objective"];
            /** @description Per-trial resources. */
            resources?: components["schemas"]["Resources"];
            /** @description Trial scheduler. */
            scheduler?: components["schemas"]["Scheduler"];
            /** @description Search algorithm. */
            search?: components["schemas"]["Search"];
            /**
             * Space
             * @description Dotted TrainConfig keys (optimizer.lr, lora.r, ...) and their domains.
             */
            space: {
                [key: string]: components["schemas"]["Domain"];
            };
            /**
             * Time Budget S
             * @description Stop starting and running trials after this long.
             */
            time_budget_s?: number | null;
            /**
             * Trials
             * @description Samples to draw (random: times the grid, if any); with search grid, the grid size when unset.
             */
            trials?: number | null;
        };
        /**
         * SweepCreate
         * @description A sweep to queue: it runs as a run of kind ``sweep``.
         */
        SweepCreate: {
            /**
             * Config
             * @description A sweep config (base, space, objective, search, ...).
             */
            config: {
                [key: string]: unknown;
            };
            /**
             * Priority
             * @description Higher is claimed first; default from the run_priorities setting.
             */
            priority?: number | null;
            /**
             * Tags
             * @description Labels for filtering.
             */
            tags?: string[];
        };
        /** SweepPage */
        SweepPage: {
            /** Items */
            items: components["schemas"]["SweepSummary"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** SweepPromote */
        SweepPromote: {
            /**
             * Description
             * @description Notes; by default names the trial and its score.
             * @default
             */
            description: string;
            /**
             * Model
             * @description Registered model name (created if new).
             */
            model: string;
            /**
             * Version
             * @description A label attached to the new version beside its number vN; not vN or latest.
             */
            version?: string | null;
        };
        /** SweepRead */
        SweepRead: {
            /** @description The succeeded trial with the best objective; null if none. */
            best: components["schemas"]["TrialRead"] | null;
            /** @description The validated sweep config. */
            config: components["schemas"]["SweepConfig"];
            /**
             * Objective
             * @description The objective metric and its direction, e.g. strict_accuracy (max).
             */
            objective: string;
            /** @description The sweep's run (status, logs and metrics as for any run). */
            run: components["schemas"]["RunRead"];
            /** @description Parameters and objective of each trial, for a parallel-coordinates chart. */
            table: components["schemas"]["ParallelTable"];
            /**
             * Trials
             * @description Every trial Tune started, oldest first.
             */
            trials: components["schemas"]["TrialRead"][];
        };
        /** SweepSummary */
        SweepSummary: {
            /**
             * Best Objective
             * @description The best objective of its succeeded trials so far.
             */
            best_objective: number | null;
            /**
             * Objective
             * @description The objective metric and its direction, e.g. strict_accuracy (max).
             */
            objective: string;
            /** @description The sweep's run. */
            run: components["schemas"]["RunRead"];
        };
        /** SynthRequest */
        SynthRequest: {
            /** @description Options of kind column_arithmetic (its defaults when unset); refused with another kind. */
            column_arithmetic?: components["schemas"]["ColumnArithmeticOptions"] | null;
            /**
             * Count
             * @description How many traces to generate (at most the batch limit).
             */
            count: number;
            /**
             * Kind
             * @description Generator: arithmetic, word_problem, string, unit_conversion, card_game, column_arithmetic, mixed (the first five in turn).
             */
            kind: string;
            /**
             * Seed
             * @description Same kind, count, seed and options give the same traces.
             * @default 0
             */
            seed: number;
            /**
             * Tags
             * @description Tags to put on every generated trace.
             */
            tags?: string[];
        };
        /** TableColumn */
        TableColumn: {
            /**
             * Name
             * @description A space key, or the objective metric's name.
             */
            name: string;
            /**
             * Role
             * @description A searched parameter or the objective.
             * @enum {string}
             */
            role: "param" | "objective";
            /**
             * Type
             * @description A numeric axis or a categorical one.
             * @enum {string}
             */
            type: "number" | "category";
        };
        /** TableRow */
        TableRow: {
            /**
             * Status
             * @description The trial's status.
             */
            status: string;
            /** Trial Id */
            trial_id: string;
            /**
             * Values
             * @description Value by column name; absent where the trial has none.
             */
            values: {
                [key: string]: unknown;
            };
        };
        /**
         * TagsUpdate
         * @description PATCH body: replace the tag list, or add/remove tags.
         */
        TagsUpdate: {
            /**
             * Add
             * @description Tags to add.
             */
            add?: string[];
            /**
             * Remove
             * @description Tags to remove.
             */
            remove?: string[];
            /**
             * Tags
             * @description The new tag list (replaces the old one).
             */
            tags?: string[] | null;
        };
        /** TokenCreate */
        TokenCreate: {
            /**
             * Name
             * @description A label to recognise the token by.
             */
            name: string;
            /**
             * Scope
             * @description read (GET and dry runs), write (also changes data) or admin (also manages tokens).
             * @default write
             * @enum {string}
             */
            scope: "read" | "write" | "admin";
        };
        /** TokenCreated */
        TokenCreated: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Name */
            name: string;
            /**
             * Revoked
             * @description Whether the token was revoked (requests with it are refused).
             */
            revoked: boolean;
            /** Scope */
            scope: string;
            /**
             * Token
             * @description The bearer token itself, shown only in this response; only its sha256 is kept.
             */
            token: string;
        };
        /** TokenList */
        TokenList: {
            /**
             * Items
             * @description Stored tokens, oldest first (tokens from settings are not listed).
             */
            items: components["schemas"]["TokenRead"][];
        };
        /**
         * TokenRead
         * @description A token as listed: never its value, which only its creation returns.
         */
        TokenRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Name */
            name: string;
            /**
             * Revoked
             * @description Whether the token was revoked (requests with it are refused).
             */
            revoked: boolean;
            /** Scope */
            scope: string;
        };
        /**
         * TokenizerSettings
         * @description How a tiny preset's tokenizer is trained; hub and local models keep the tokenizer they ship.
         */
        TokenizerSettings: {
            /**
             * Digits
             * @description individual: every digit is its own token, with or without a leading space ('4984' is 4 9 8 4, ' 56' is Ġ 5 6), so numbers are read digit by digit as Llama 3 and Qwen tokenizers do; merged: BPE merges digit runs as it learns them ('4984' may be 4 9 84 but '4985' 4 9 8 5), the behaviour of tiny presets before this option.
             * @default individual
             * @enum {string}
             */
            digits: "individual" | "merged";
        };
        /** TraceCompare */
        TraceCompare: {
            a: components["schemas"]["TraceRead"];
            b: components["schemas"]["TraceRead"];
            /**
             * Step Diff
             * @description Runs of equal / replace / insert / delete steps.
             */
            step_diff: components["schemas"]["StepDiffRun"][];
        };
        /** TraceCreated */
        TraceCreated: {
            /** Content Hash */
            content_hash: string;
            /**
             * Created
             * @description False when the same content was already stored (idempotent create).
             */
            created: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Final Answer */
            final_answer: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Meta */
            meta: {
                [key: string]: unknown;
            };
            /** Prompt */
            prompt: string;
            /** @description The automatic quality report made on ingest. */
            quality: components["schemas"]["QualityReport"];
            /** Quality Flags */
            quality_flags: string[];
            /** Quality Ok */
            quality_ok: boolean;
            /** Source */
            source: string | null;
            /** Step Count */
            step_count: number;
            /** Steps */
            steps: components["schemas"]["Step"][];
            /** Tags */
            tags: string[];
            /** Trace Version */
            trace_version: string;
        };
        /** TracePage */
        TracePage: {
            /** Items */
            items: components["schemas"]["TraceSummary"][];
            /**
             * Next Cursor
             * @description Pass as ?cursor= for the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /**
         * TraceQuery
         * @description Which traces a build starts from. Every given condition must hold (AND); inside ``ids`` and
         *     ``datasets`` any member matches (OR). With only ``datasets`` it is the union of those datasets.
         */
        TraceQuery: {
            /**
             * Answer Check
             * @description Whether the reasoning states the final answer (the ingest report's answer check).
             */
            answer_check?: ("stated" | "not_stated") | null;
            /**
             * Arithmetic
             * @description Arithmetic check: verified (computations found, all right), unchecked (none found), wrong.
             */
            arithmetic?: ("verified" | "unchecked" | "wrong") | null;
            /**
             * Created After
             * @description Created at or after (timezone-aware).
             */
            created_after?: string | null;
            /**
             * Created Before
             * @description Created before (timezone-aware).
             */
            created_before?: string | null;
            /**
             * Datasets
             * @description Only traces held by one of these dataset keys.
             */
            datasets?: string[];
            /**
             * Exclude Flags
             * @description Traces carrying any of these flags are left out.
             */
            exclude_flags?: string[];
            /**
             * Flag
             * @description Traces carrying this quality flag.
             */
            flag?: string | null;
            /**
             * Ids
             * @description Only these traces: their ids, or unique prefixes of them (6+ hex characters); a build records the full ids.
             */
            ids?: string[];
            /**
             * Max Steps
             * @description At most this many steps.
             */
            max_steps?: number | null;
            /**
             * Meta
             * @description Metadata KEY: VALUE pairs that must all match.
             */
            meta?: {
                [key: string]: string;
            };
            /**
             * Min Steps
             * @description At least this many steps.
             */
            min_steps?: number | null;
            /**
             * Q
             * @description Text search over prompt and answer.
             */
            q?: string | null;
            /**
             * Quality
             * @description Quality verdict of the ingest report.
             */
            quality?: ("ok" | "flagged") | null;
            /**
             * Source
             * @description Exact source, e.g. synth:arithmetic.
             */
            source?: string | null;
            /**
             * Tag
             * @description Traces carrying this tag.
             */
            tag?: string | null;
        };
        /** TraceRead */
        TraceRead: {
            /** Content Hash */
            content_hash: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Final Answer */
            final_answer: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Meta */
            meta: {
                [key: string]: unknown;
            };
            /** Prompt */
            prompt: string;
            /** @description The automatic quality report made on ingest. */
            quality: components["schemas"]["QualityReport"];
            /** Quality Flags */
            quality_flags: string[];
            /** Quality Ok */
            quality_ok: boolean;
            /** Source */
            source: string | null;
            /** Step Count */
            step_count: number;
            /** Steps */
            steps: components["schemas"]["Step"][];
            /** Tags */
            tags: string[];
            /** Trace Version */
            trace_version: string;
        };
        /**
         * TraceStats
         * @description Counts for a selection of traces.
         */
        TraceStats: {
            /**
             * By Category
             * @description By meta.category ('unknown' when absent).
             */
            by_category: {
                [key: string]: number;
            };
            /** By Flag */
            by_flag: {
                [key: string]: number;
            };
            /** By Source */
            by_source: {
                [key: string]: number;
            };
            /**
             * Flagged
             * @description Traces whose quality report raised a flag.
             */
            flagged: number;
            /** @description Step counts: min, mean (2 decimals) and max; null when empty. */
            steps: components["schemas"]["StepRange"];
            /** Total */
            total: number;
        };
        /**
         * TraceSummary
         * @description A list row: everything but the steps and the full quality report.
         */
        TraceSummary: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Final Answer */
            final_answer: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Meta */
            meta: {
                [key: string]: unknown;
            };
            /** Prompt */
            prompt: string;
            /** Quality Flags */
            quality_flags: string[];
            /** Quality Ok */
            quality_ok: boolean;
            /** Source */
            source: string | null;
            /** Step Count */
            step_count: number;
            /** Tags */
            tags: string[];
        };
        /**
         * TrainConfig
         * @description A training run: backend, method, model, data, adapters, optimisation and intervals.
         */
        TrainConfig: {
            /**
             * Backend
             * @description torch (transformers + TRL + PEFT) or jax (Tunix).
             * @default torch
             * @enum {string}
             */
            backend: "torch" | "jax";
            /**
             * Batch Size
             * @description Sequences per micro-batch of the whole run, shared among its resources.devices x resources.nodes processes (so a multiple of their number).
             * @default 8
             */
            batch_size: number;
            /** @description The frozen dataset snapshot. */
            dataset: components["schemas"]["DatasetRef"];
            /**
             * Device
             * @description Where to train; an absent device is an error when the run starts.
             * @default auto
             * @enum {string}
             */
            device: "auto" | "cpu" | "cuda" | "tpu";
            /**
             * Dtype
             * @description Training precision; auto is bf16 on a GPU that supports it, else fp32.
             * @default auto
             * @enum {string}
             */
            dtype: "auto" | "bf16" | "fp16" | "fp32";
            /**
             * Epochs
             * @description Passes over the data; exclusive with max_steps.
             */
            epochs?: number | null;
            /**
             * Eval Steps
             * @description Evaluate on the dataset's eval split every N steps.
             */
            eval_steps?: number | null;
            /** @description Evaluate the trained model on an eval set when the run succeeds (an eval run tagged auto-eval). */
            evaluate?: components["schemas"]["AutoEvaluation"] | null;
            /**
             * Gradient Accumulation Steps
             * @description Micro-batches per optimizer step.
             * @default 1
             */
            gradient_accumulation_steps: number;
            /**
             * Gradient Checkpointing
             * @description Recompute activations during the backward pass: less memory, about a third more compute. Unset: on for a hub or local model on a GPU, off otherwise (a tiny preset or a CPU run gains nothing from it). torch only; TRL would turn it on for every run.
             */
            gradient_checkpointing?: boolean | null;
            /** @description GRPO settings; only with method grpo (defaults when unset). */
            grpo?: components["schemas"]["GrpoSettings"] | null;
            /**
             * Logging Steps
             * @description Report metrics every N optimizer steps.
             * @default 10
             */
            logging_steps: number;
            /** @description Adapters or full fine-tuning. */
            lora?: components["schemas"]["LoraSettings"];
            /**
             * Max Seq Length
             * @description Longest tokenised sequence: SFT truncates longer ones; for GRPO the longest prompt (a longer one stops the run when it starts), the completion coming on top.
             * @default 512
             */
            max_seq_length: number;
            /**
             * Max Steps
             * @description Optimizer steps; exclusive with epochs.
             */
            max_steps?: number | null;
            /**
             * Merge
             * @description Also write the base model with the adapter merged in, as safetensors.
             * @default false
             */
            merge: boolean;
            /**
             * Method
             * @description Supervised fine-tuning or GRPO reinforcement learning.
             * @default sft
             * @enum {string}
             */
            method: "sft" | "grpo";
            /**
             * Model
             * @description Hugging Face id, offline tiny preset (tiny-llama, tiny-llama-s, tiny-llama-m), or the absolute path of a folder under the server's model roots (TUNIX_RT_MODEL_ROOTS, default models/ in the data home).
             * @default tiny-llama
             */
            model: string;
            /** @description Optimizer and schedule. */
            optimizer?: components["schemas"]["OptimizerSettings"];
            /**
             * Packing
             * @description Pack several sequences per row (SFT only) instead of dynamic padding.
             * @default false
             */
            packing: boolean;
            /** @description Devices and machines the run trains on (torch: torchrun with ddp or fsdp; JAX: a mesh); one device when unset. */
            resources?: components["schemas"]["RunResources"];
            /**
             * Save Steps
             * @description Checkpoint every N optimizer steps.
             * @default 100
             */
            save_steps: number;
            /**
             * Seed
             * @description Seed of initialisation, shuffling, dropout and sampling.
             * @default 0
             */
            seed: number;
            /** @description Render template; the dataset's own when unset. */
            template?: components["schemas"]["RenderTemplate"] | null;
            /** @description How a tiny preset's tokenizer is trained (every digit its own token when unset); only with a tiny preset, since a hub or local model keeps its own tokenizer. */
            tokenizer?: components["schemas"]["TokenizerSettings"] | null;
        };
        /**
         * Transforms
         * @description Applied at build time; the snapshot holds the transformed traces.
         */
        Transforms: {
            /**
             * Answer Only
             * @description The answer-only twin: drop every step, so the model is taught to answer directly. The same request with and without it gives the same traces in the same splits (step filters still choose which traces are kept); the template's reasoning tags are cleared, so the completion is just the answer tags, and runs trained on it are judged on those. Its trace export has no steps.
             * @default false
             */
            answer_only: boolean;
            /**
             * Exclude Step Types
             * @description Drop steps of these types.
             */
            exclude_step_types?: string[];
            /**
             * Include Step Types
             * @description Keep only steps of these types (none: all).
             */
            include_step_types?: string[] | null;
            /** @description Self-correction augmentation, off by default. */
            self_correction?: components["schemas"]["SelfCorrection"] | null;
            /** @description How the assistant side is written. */
            template?: components["schemas"]["RenderTemplate"];
        };
        /** TrialRead */
        TrialRead: {
            /**
             * Error
             * @description Why it failed, stopped or was cancelled.
             */
            error: string | null;
            /**
             * Eval Run Id
             * @description The evaluation of its training run.
             */
            eval_run_id: string | null;
            /**
             * Last Loss
             * @description The last training loss it reported.
             */
            last_loss: number | null;
            /**
             * Objective
             * @description The objective metric of its evaluation, once it succeeded.
             */
            objective: number | null;
            /**
             * Params
             * @description The values of the space's keys in this trial.
             */
            params: {
                [key: string]: unknown;
            };
            /**
             * Status
             * @description stopped: ended early by the scheduler or the time budget.
             * @enum {string}
             */
            status: "pending" | "running" | "succeeded" | "failed" | "stopped" | "cancelled";
            /**
             * Train Run Id
             * @description Its training run.
             */
            train_run_id: string | null;
            /**
             * Trial Id
             * @description Ray Tune's trial id.
             */
            trial_id: string;
        };
        /**
         * VersionCreate
         * @description Promote a run's final model into a new (or the identical existing) version.
         */
        VersionCreate: {
            /**
             * Description
             * @description Notes on this version.
             * @default
             */
            description: string;
            /**
             * Label
             * @description A label attached to the new version beside its number vN; not vN or latest.
             */
            label?: string | null;
            /**
             * Run Id
             * @description A succeeded training run whose adapter or merged model is promoted. The full id, or a unique prefix of it (6+ hex characters).
             */
            run_id: string;
        };
        /** VersionDetail */
        VersionDetail: {
            /** Aliases */
            aliases: string[];
            /** Archive Url */
            archive_url: string;
            /**
             * Config
             * @description The training config of the source run.
             */
            config: {
                [key: string]: unknown;
            };
            /**
             * Content Hash
             * @description sha256 of the canonical manifest of (path, size, sha256) entries.
             */
            content_hash: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /** File Count */
            file_count: number;
            /** Files */
            files: components["schemas"]["FileRead"][];
            /**
             * Format
             * @description merged: base + adapter as one model; full: a full fine-tune; adapter: LoRA weights (with base-model/ when the base came from the run).
             * @enum {string}
             */
            format: "merged" | "full" | "adapter";
            /**
             * Label
             * @description The label given at promotion, else vN.
             */
            label: string;
            /**
             * Metrics
             * @description Evaluation metrics recorded when it was promoted.
             */
            metrics: {
                [key: string]: unknown;
            };
            /** Model */
            model: string;
            /**
             * Number
             * @description Order of promotion within the model, from 1; vN names version N.
             */
            number: number;
            /**
             * Provenance
             * @description Dataset key + sha256, base model, tokenizer hash, package versions, run and hardware.
             */
            provenance: {
                [key: string]: unknown;
            };
            /**
             * Run Id
             * @description The source run (null once that run is deleted; provenance keeps it).
             */
            run_id: string | null;
            /**
             * Size
             * @description Total bytes of the version's files.
             */
            size: number;
        };
        /** VersionList */
        VersionList: {
            /** Items */
            items: components["schemas"]["VersionRead"][];
        };
        /** VersionRead */
        VersionRead: {
            /** Aliases */
            aliases: string[];
            /** Archive Url */
            archive_url: string;
            /**
             * Config
             * @description The training config of the source run.
             */
            config: {
                [key: string]: unknown;
            };
            /**
             * Content Hash
             * @description sha256 of the canonical manifest of (path, size, sha256) entries.
             */
            content_hash: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /** File Count */
            file_count: number;
            /**
             * Format
             * @description merged: base + adapter as one model; full: a full fine-tune; adapter: LoRA weights (with base-model/ when the base came from the run).
             * @enum {string}
             */
            format: "merged" | "full" | "adapter";
            /**
             * Label
             * @description The label given at promotion, else vN.
             */
            label: string;
            /**
             * Metrics
             * @description Evaluation metrics recorded when it was promoted.
             */
            metrics: {
                [key: string]: unknown;
            };
            /** Model */
            model: string;
            /**
             * Number
             * @description Order of promotion within the model, from 1; vN names version N.
             */
            number: number;
            /**
             * Provenance
             * @description Dataset key + sha256, base model, tokenizer hash, package versions, run and hardware.
             */
            provenance: {
                [key: string]: unknown;
            };
            /**
             * Run Id
             * @description The source run (null once that run is deleted; provenance keeps it).
             */
            run_id: string | null;
            /**
             * Size
             * @description Total bytes of the version's files.
             */
            size: number;
        };
        /**
         * VersusStart
         * @description This round's model against round 0's, item by item on the eval set (McNemar's exact test).
         */
        VersusStart: {
            /**
             * Broken
             * @description Items right in round 0 and wrong in this round.
             */
            broken: number;
            /**
             * Fixed
             * @description Items wrong in round 0 and right in this round.
             */
            fixed: number;
            /**
             * Mcnemar P
             * @description Exact two-sided p on the discordant items.
             */
            mcnemar_p: number | null;
            /** Paired Items */
            paired_items: number;
            /**
             * Ui
             * @description The item-by-item comparison page.
             */
            ui: string;
        };
        /** WorkerHealth */
        WorkerHealth: {
            /**
             * Alive
             * @description Whether the embedded worker's loop is running (null: none).
             */
            alive?: boolean | null;
            /**
             * Detail
             * @description Why the worker side is degraded.
             */
            detail?: string | null;
            /**
             * Embedded
             * @description Whether this server runs a worker of its own.
             */
            embedded: boolean;
            /**
             * Errors
             * @description Errors the embedded worker survived (retried, or a run failed with them).
             * @default 0
             */
            errors: number;
            /**
             * Last Error
             * @description The latest of those errors, in one line.
             */
            last_error?: string | null;
            /**
             * Live Workers
             * @description Workers of any process that heartbeated within a lease (null when the database is down).
             */
            live_workers?: number | null;
            /**
             * Queued
             * @description Runs waiting for a worker (null when the database is down).
             */
            queued?: number | null;
        };
        /** WorkerSummary */
        WorkerSummary: {
            /**
             * Alive
             * @description It heartbeated within lease_seconds.
             */
            alive: boolean;
            /**
             * Concurrency
             * @description Runs it may hold at once.
             */
            concurrency: number;
            /**
             * Devices
             * @description Devices it offers a run; it claims runs needing at most these.
             */
            devices: number;
            /**
             * Heartbeat Age Seconds
             * @description Seconds from heartbeat_at to generated_at.
             */
            heartbeat_age_seconds: number;
            /**
             * Heartbeat At
             * Format: date-time
             * @description Its last heartbeat.
             */
            heartbeat_at: string;
            /** Hostname */
            hostname: string;
            /**
             * Id
             * @description hostname:pid:suffix, as the worker registered itself.
             */
            id: string;
            /** Pid */
            pid: number;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
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
    list_datasets_api_datasets_get: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description next_cursor of the previous page. */
                cursor?: string | null;
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
                    "application/json": components["schemas"]["DatasetPage"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    build_dataset_api_datasets_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatasetCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    count_query_api_datasets_count_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TraceQuery"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueryCount"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    diff_datasets_api_datasets_diff_get: {
        parameters: {
            query: {
                /** @description The older dataset key. */
                a: string;
                /** @description The newer dataset key. */
                b: string;
                /** @description How many ids to list per change. */
                sample?: number;
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
                    "application/json": components["schemas"]["DatasetDiff"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    read_dataset_api_datasets__key__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description name@vN. */
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
                    "application/json": components["schemas"]["DatasetRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    delete_dataset_api_datasets__key__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description name@vN. */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    export_dataset_api_datasets__key__export_get: {
        parameters: {
            query?: {
                /** @description One of: trace, messages, prompt_completion, tunix_sft, training_example. */
                format?: "trace" | "messages" | "prompt_completion" | "tunix_sft" | "training_example";
                /** @description train, eval, or all (train then eval). */
                split?: "train" | "eval" | "all";
                /** @description jsonl, or parquet (needs the parquet extra). */
                output?: "jsonl" | "parquet";
            };
            header?: never;
            path: {
                /** @description name@vN. */
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
                    "application/vnd.apache.parquet": unknown;
                    "application/x-ndjson": unknown;
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_evalsets_api_evalsets_get: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description next_cursor of the previous page. */
                cursor?: string | null;
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
                    "application/json": components["schemas"]["DatasetPage"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    import_evalset_api_evalsets_post: {
        parameters: {
            query: {
                /** @description Eval set name; the key is name@vN. */
                name: string;
                /** @description Version to create (default: next). */
                version?: number | null;
                /** @description What the eval set measures. */
                description?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-ndjson": string;
                "multipart/form-data": {
                    /** Format: binary */
                    file?: string;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    derive_evalset_api_evalsets_derive_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvalSetDerive"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    validate_evalset_api_evalsets_validate_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-ndjson": string;
                "multipart/form-data": {
                    /** Format: binary */
                    file?: string;
                };
            };
        };
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
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    read_evalset_api_evalsets__key__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description name@vN. */
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
                    "application/json": components["schemas"]["DatasetRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    delete_evalset_api_evalsets__key__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description name@vN. */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    evalset_items_api_evalsets__key__items_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description name@vN. */
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
                    "application/x-ndjson": unknown;
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_evaluations_api_evaluations_get: {
        parameters: {
            query: {
                /** @description The training run whose model was evaluated. */
                source_run: string;
                /** @description Page size: at most 1000, or the server's max_page_size where that is lower. */
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
                    "application/json": components["schemas"]["EvaluationSummary"][];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    judge_agreement_api_evaluations_agreement_get: {
        parameters: {
            query: {
                /** @description Judge name, or strict / lenient. */
                judge: string;
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
                    "application/json": components["schemas"]["JudgeAgreement"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    compare_api_evaluations_compare_get: {
        parameters: {
            query: {
                /** @description Evaluation (eval run id) taken as the reference. The full id, or a unique prefix of it (6+ hex characters). */
                a: string;
                /** @description Evaluation compared with it. The full id, or a unique prefix of it (6+ hex characters). */
                b: string;
                /** @description Verdict paired on: strict, lenient, format or judge:<name>. */
                metric?: string;
                /** @description Compare even when the two were made with different settings (409 otherwise). */
                force?: boolean;
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
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    item_history_api_evaluations_history_get: {
        parameters: {
            query: {
                /** @description Eval set key, name@vN. */
                evalset: string;
                /** @description The item's id in the eval set. */
                item: string;
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
                    "application/json": components["schemas"]["ItemHistory"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    item_diff_api_evaluations_history_diff_get: {
        parameters: {
            query: {
                /** @description Eval set key, name@vN. */
                evalset: string;
                /** @description The item's id in the eval set. */
                item: string;
                /** @description Evaluation whose output is the old text. */
                a: string;
                /** @description Evaluation whose output is the new text. */
                b: string;
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
                    "application/json": components["schemas"]["ItemDiff"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    read_evaluation_api_evaluations__run_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                    "application/json": components["schemas"]["EvaluationRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    evaluation_agreement_api_evaluations__run_id__agreement_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                    "application/json": components["schemas"]["AgreementReport"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    read_items_api_evaluations__run_id__items_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                    "application/json": components["schemas"]["EvaluationItemRead"][];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    set_label_api_evaluations__run_id__items__item_id__label_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                item_id: string;
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LabelSet"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabelRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    delete_label_api_evaluations__run_id__items__item_id__label_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                item_id: string;
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    read_labels_api_evaluations__run_id__labels_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                    "application/json": components["schemas"]["LabelRead"][];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    health_api_health_get: {
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
            /** @description Degraded: database unreachable or not at head, or runs queued with no live worker. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    leaderboard_api_leaderboard_get: {
        parameters: {
            query?: {
                /** @description Only this eval set. */
                evalset?: string | null;
                /** @description Only models trained on this dataset. */
                dataset?: string | null;
                /** @description Only this model reference (run:<id> or a name). */
                model?: string | null;
                /** @description Evaluated at or after (ISO 8601 with timezone). */
                since?: string | null;
                /** @description Page size: at most 1000, or the server's max_page_size where that is lower. */
                limit?: number;
                /** @description next_cursor of the previous page. */
                cursor?: string | null;
                /** @description Rank evaluations made with different settings together (409 otherwise), and include those whose primary metric is a judge not yet checked against human labels. */
                force?: boolean;
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
                    "application/json": components["schemas"]["LeaderboardPage"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_loops_api_loops_get: {
        parameters: {
            query?: {
                /** @description Page size: at most 1000, or the server's max_page_size where that is lower. */
                limit?: number;
                /** @description next_cursor of the previous page. */
                cursor?: string | null;
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
                    "application/json": components["schemas"]["LoopPage"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    create_loop_api_loops_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoopCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoopRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description This token has max_queued_runs_per_token runs queued; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    read_loop_api_loops__loop_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                loop_id: string;
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
                    "application/json": components["schemas"]["LoopRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_models_api_models_get: {
        parameters: {
            query?: {
                /** @description Page size: at most 1000, or the server's max_page_size where that is lower. */
                limit?: number;
                /** @description next_cursor of the previous page. */
                cursor?: string | null;
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
                    "application/json": components["schemas"]["ModelPage"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    create_model_api_models_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    read_model_api_models__name__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
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
                    "application/json": components["schemas"]["ModelRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    delete_model_api_models__name__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The model still has versions. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    update_model_api_models__name__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_aliases_api_models__name__aliases_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
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
                    "application/json": components["schemas"]["AliasList"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    set_alias_api_models__name__aliases__alias__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
                name: string;
                /** @description Alias name. */
                alias: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AliasSet"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AliasRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    delete_alias_api_models__name__aliases__alias__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
                name: string;
                /** @description Alias name. */
                alias: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_versions_api_models__name__versions_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
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
                    "application/json": components["schemas"]["VersionList"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    promote_api_models__name__versions_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VersionCreate"];
            };
        };
        responses: {
            /** @description The same content is already a version (created: false). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromoteResult"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromoteResult"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The run has not succeeded, has no model output, or the label holds other content. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    delete_version_api_models__name__versions__label__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
                name: string;
                /** @description vN, latest or a version label. */
                label: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description An alias points at the version. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    read_version_api_models__name__versions__ref__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
                name: string;
                /** @description vN, latest, a version label, or @alias. */
                ref: string;
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
                    "application/json": components["schemas"]["VersionDetail"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    download_version_api_models__name__versions__ref__archive_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name. */
                name: string;
                /** @description vN, latest, a version label, or @alias. */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version's files as a tar. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-tar": unknown;
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_baselines_api_regression_baselines_get: {
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
                    "application/json": components["schemas"]["BaselineRead"][];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    create_baseline_api_regression_baselines_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BaselineCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BaselineRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    delete_baseline_api_regression_baselines__name__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    check_api_regression_check_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegressionCheck"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegressionResult"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_runs_api_runs_get: {
        parameters: {
            query?: {
                /** @description Page size: at most 1000, or the server's max_page_size where that is lower. */
                limit?: number;
                /** @description next_cursor of the previous page. */
                cursor?: string | null;
                /** @description Only runs of this kind. */
                kind?: string | null;
                /** @description Only runs in this status. */
                status?: components["schemas"]["RunStatus"] | null;
                /** @description Runs using this dataset or eval-set key. */
                dataset?: string | null;
                /** @description Runs of this model. */
                model?: string | null;
                /** @description Runs carrying this tag. */
                tag?: string | null;
                /** @description Runs submitted by this run (a sweep's trials); a prefix will do. */
                parent?: string | null;
                /** @description Created at or after (ISO 8601). */
                created_after?: string | null;
                /** @description Created before (ISO 8601). */
                created_before?: string | null;
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
                    "application/json": components["schemas"]["RunPage"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    submit_run_api_runs_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description This token has max_queued_runs_per_token runs queued; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    overlay_metrics_api_runs_metrics_get: {
        parameters: {
            query: {
                /** @description Comma-separated run ids, at most 1000. */
                ids: string;
                /** @description Comma-separated series names; all when absent. */
                names?: string | null;
                /** @description Points in all, split across the series (LTTB per series). */
                points?: number;
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
                    "application/json": components["schemas"]["MetricsBatch"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    run_summary_api_runs_summary_get: {
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
                    "application/json": components["schemas"]["RunSummary"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    read_run_api_runs__run_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    delete_run_api_runs__run_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    edit_run_api_runs__run_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_artifacts_api_runs__run_id__artifacts_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                    "application/json": components["schemas"]["ArtifactList"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    download_artifact_api_runs__run_id__artifacts__path__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    cancel_run_api_runs__run_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    run_logs_api_runs__run_id__logs_get: {
        parameters: {
            query?: {
                /** @description Return lines after this sequence number. */
                after?: number;
                /** @description Page size (JSON only). */
                limit?: number;
            };
            header?: {
                accept?: string;
                /** @description Resume the stream after this line (its sequence number). */
                "last-event-id"?: string | null;
            };
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page, or the live stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogPage"];
                    "text/event-stream": unknown;
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Too many live streams open (max_log_streams, max_log_streams_per_token); see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    run_metrics_api_runs__run_id__metrics_get: {
        parameters: {
            query?: {
                /** @description Comma-separated series names; all when absent. */
                names?: string | null;
                /** @description Points per series at most (LTTB); 0 returns every point. */
                downsample?: number;
            };
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                    "application/json": components["schemas"]["RunMetrics"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    resume_run_api_runs__run_id__resume_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description This token has max_queued_runs_per_token runs queued; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    retry_run_api_runs__run_id__retry_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description This token has max_queued_runs_per_token runs queued; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_rollouts_api_runs__run_id__rollouts_get: {
        parameters: {
            query?: {
                /** @description Only this step's rollouts. */
                step?: number | null;
                /** @description Only rollouts whose total reward is at least this. */
                min_reward?: number | null;
                /** @description Only rollouts whose total reward is at most this. */
                max_reward?: number | null;
                /** @description Page size: at most 1000, or the server's max_page_size where that is lower. */
                limit?: number;
                /** @description next_cursor of the previous page. */
                cursor?: string | null;
            };
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                    "application/json": components["schemas"]["RolloutPage"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    rollout_steps_api_runs__run_id__rollouts_steps_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                run_id: string;
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
                    "application/json": components["schemas"]["RolloutSteps"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_sweeps_api_sweeps_get: {
        parameters: {
            query?: {
                /** @description Page size: at most 1000, or the server's max_page_size where that is lower. */
                limit?: number;
                /** @description next_cursor of the previous page. */
                cursor?: string | null;
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
                    "application/json": components["schemas"]["SweepPage"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    create_sweep_api_sweeps_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SweepCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SweepRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description This token has max_queued_runs_per_token runs queued; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    read_sweep_api_sweeps__sweep_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                sweep_id: string;
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
                    "application/json": components["schemas"]["SweepRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    cancel_sweep_api_sweeps__sweep_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                sweep_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SweepRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    promote_best_api_sweeps__sweep_id__promote_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                sweep_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SweepPromote"];
            };
        };
        responses: {
            /** @description The same content is already a version (created: false). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromoteResult"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromoteResult"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_tokens_api_tokens_get: {
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
                    "application/json": components["schemas"]["TokenList"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    create_token_api_tokens_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenCreated"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    revoke_token_api_tokens__token_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                token_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    list_traces_api_traces_get: {
        parameters: {
            query?: {
                /** @description Page size: at most 1000, or the server's max_page_size where that is lower. */
                limit?: number;
                /** @description next_cursor of the previous page. */
                cursor?: string | null;
                /** @description Exact source, e.g. synth:arithmetic. */
                source?: string | null;
                /** @description Traces carrying this tag. */
                tag?: string | null;
                /** @description Created at or after (ISO 8601). */
                created_after?: string | null;
                /** @description Created before (ISO 8601). */
                created_before?: string | null;
                /** @description Text search over prompt and answer. */
                q?: string | null;
                /** @description Quality verdict. */
                quality?: ("ok" | "flagged") | null;
                /** @description A quality flag, e.g. arithmetic_error. */
                flag?: string | null;
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
                    "application/json": components["schemas"]["TracePage"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    create_trace_api_traces_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Created At
                     * @description Creation time to keep (timezone-aware).
                     */
                    created_at?: string | null;
                    /**
                     * Final Answer
                     * @description The answer the reasoning arrives at.
                     */
                    final_answer: string;
                    /**
                     * Id
                     * @description Identity to keep (for store-to-store moves).
                     */
                    id?: string | null;
                    /**
                     * Meta
                     * @description Free-form metadata (category, seed...), stored exactly: no NUL, NaN, infinity or integers outside 64 bits.
                     */
                    meta?: {
                        [key: string]: unknown;
                    };
                    /**
                     * Prompt
                     * @description The question or task the reasoning answers.
                     */
                    prompt: string;
                    /**
                     * Source
                     * @description Where the trace came from.
                     */
                    source?: string | null;
                    /**
                     * Steps
                     * @description Reasoning steps, at least one.
                     */
                    steps: {
                        /**
                         * Content
                         * @description The step's text.
                         */
                        content: string;
                        /**
                         * I
                         * @description Step index, unique within the trace.
                         */
                        i: number;
                        /**
                         * Type
                         * @description What kind of step this is (setup, calculation, result...).
                         */
                        type: string;
                    }[];
                    /**
                     * Tags
                     * @description Labels for filtering and curation.
                     */
                    tags?: string[];
                    /**
                     * Trace Version
                     * @description Contract version; only 1.0 exists.
                     * @default 1.0
                     * @constant
                     */
                    trace_version?: "1.0";
                };
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TraceCreated"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    create_batch_api_traces_batch_post: {
        parameters: {
            query?: {
                /** @description all: store nothing if any item is invalid; partial: store the valid ones. */
                mode?: "all" | "partial";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Created At
                     * @description Creation time to keep (timezone-aware).
                     */
                    created_at?: string | null;
                    /**
                     * Final Answer
                     * @description The answer the reasoning arrives at.
                     */
                    final_answer: string;
                    /**
                     * Id
                     * @description Identity to keep (for store-to-store moves).
                     */
                    id?: string | null;
                    /**
                     * Meta
                     * @description Free-form metadata (category, seed...), stored exactly: no NUL, NaN, infinity or integers outside 64 bits.
                     */
                    meta?: {
                        [key: string]: unknown;
                    };
                    /**
                     * Prompt
                     * @description The question or task the reasoning answers.
                     */
                    prompt: string;
                    /**
                     * Source
                     * @description Where the trace came from.
                     */
                    source?: string | null;
                    /**
                     * Steps
                     * @description Reasoning steps, at least one.
                     */
                    steps: {
                        /**
                         * Content
                         * @description The step's text.
                         */
                        content: string;
                        /**
                         * I
                         * @description Step index, unique within the trace.
                         */
                        i: number;
                        /**
                         * Type
                         * @description What kind of step this is (setup, calculation, result...).
                         */
                        type: string;
                    }[];
                    /**
                     * Tags
                     * @description Labels for filtering and curation.
                     */
                    tags?: string[];
                    /**
                     * Trace Version
                     * @description Contract version; only 1.0 exists.
                     * @default 1.0
                     * @constant
                     */
                    trace_version?: "1.0";
                }[];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResult"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    compare_traces_api_traces_compare_get: {
        parameters: {
            query: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                a: string;
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                b: string;
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
                    "application/json": components["schemas"]["TraceCompare"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    export_traces_api_traces_export_get: {
        parameters: {
            query?: {
                /** @description Exact source, e.g. synth:arithmetic. */
                source?: string | null;
                /** @description Traces carrying this tag. */
                tag?: string | null;
                /** @description Created at or after (ISO 8601). */
                created_after?: string | null;
                /** @description Created before (ISO 8601). */
                created_before?: string | null;
                /** @description Text search over prompt and answer. */
                q?: string | null;
                /** @description Quality verdict. */
                quality?: ("ok" | "flagged") | null;
                /** @description A quality flag, e.g. arithmetic_error. */
                flag?: string | null;
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
                    "application/x-ndjson": unknown;
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    import_jsonl_api_traces_import_post: {
        parameters: {
            query?: {
                /** @description all: store nothing if any item is invalid; partial: store the valid ones. */
                mode?: "all" | "partial";
                /** @description Source recorded on imported traces. */
                source?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-ndjson": string;
                "multipart/form-data": {
                    /** Format: binary */
                    file?: string;
                };
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
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    trace_stats_api_traces_stats_get: {
        parameters: {
            query?: {
                /** @description Exact source, e.g. synth:arithmetic. */
                source?: string | null;
                /** @description Traces carrying this tag. */
                tag?: string | null;
                /** @description Created at or after (ISO 8601). */
                created_after?: string | null;
                /** @description Created before (ISO 8601). */
                created_before?: string | null;
                /** @description Text search over prompt and answer. */
                q?: string | null;
                /** @description Quality verdict. */
                quality?: ("ok" | "flagged") | null;
                /** @description A quality flag, e.g. arithmetic_error. */
                flag?: string | null;
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
                    "application/json": components["schemas"]["TraceStats"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    synthesize_api_traces_synth_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SynthRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResult"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    read_trace_api_traces__trace_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                trace_id: string;
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
                    "application/json": components["schemas"]["TraceRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    delete_trace_api_traces__trace_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                trace_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
    update_trace_tags_api_traces__trace_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The full id, or a unique prefix of it (6+ hex characters). */
                trace_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagsUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TraceRead"];
                };
            };
            /** @description Malformed request (a body that is not JSON, a broken upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description A bearer token is needed, or the one given is unknown. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The token's scope does not allow this, or a cross-site request was refused. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Something the request names does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Conflicts with what is stored (taken name, referenced data, wrong state). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body is over the server's limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description The body's Content-Type is not one this route reads. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
            /** @description Invalid input; errors name each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                    "application/problem+json": unknown;
                };
            };
        };
    };
}
