{{/*
Checks across values that a JSON schema cannot express. Rendering stops with every problem
listed, so `helm install`, `helm template` and `helm lint` all refuse a broken release.
*/}}
{{- define "weft.validateValues" -}}
{{- $errors := list -}}
{{- $v := .Values -}}
{{- if not (or $v.database.url $v.database.existingSecret) -}}
{{- $errors = append $errors "database: set database.url or database.existingSecret (an external PostgreSQL is required; embedded mode is for laptops only)" -}}
{{- end -}}
{{- if and (eq $v.nodeEnv "production") (not (or $v.auth.secret $v.auth.existingSecret)) -}}
{{- $errors = append $errors "auth: set auth.existingSecret (or auth.secret); nodes refuse to start with NODE_ENV=production and no AUTH_SECRET" -}}
{{- end -}}
{{- if and (not (or $v.auth.secret $v.auth.existingSecret)) (not $v.allowOpenDevMode) -}}
{{- $errors = append $errors "auth: set auth.existingSecret (or auth.secret); without one every node runs in open dev mode (anyone who reaches it edits every document): set allowOpenDevMode=true only if that is what you want" -}}
{{- end -}}
{{- if and (or (gt (int $v.server.replicaCount) 1) $v.server.autoscaling.enabled) (not (include "weft.redisEnabled" .)) -}}
{{- $errors = append $errors "redis: more than one server node needs Redis for fan-out; set redis.url or redis.existingSecret, or redis.mode=sentinel or cluster with their addresses (or server.replicaCount=1 without autoscaling)" -}}
{{- end -}}
{{- if and (eq $v.redis.mode "sentinel") (not $v.redis.sentinel.addresses) -}}
{{- $errors = append $errors "redis.mode=sentinel: set redis.sentinel.addresses (host:port of each sentinel)" -}}
{{- end -}}
{{- if and (eq $v.redis.mode "cluster") (not $v.redis.cluster.nodes) -}}
{{- $errors = append $errors "redis.mode=cluster: set redis.cluster.nodes (host:port seed nodes)" -}}
{{- end -}}
{{- if and (ne $v.redis.mode "standalone") $v.redis.url -}}
{{- $errors = append $errors (printf "redis.mode=%s: redis.url is for standalone mode; give the addresses in redis.%s" $v.redis.mode $v.redis.mode) -}}
{{- end -}}
{{- range $component := list "server" "presence" -}}
{{- $s := (index $v $component).shutdown -}}
{{- $min := add $s.preStopSleepSeconds $s.flushSeconds 5 -}}
{{- if le (int $s.terminationGracePeriodSeconds) (int $min) -}}
{{- $errors = append $errors (printf "%s.shutdown: terminationGracePeriodSeconds (%d) must exceed preStopSleepSeconds + flushSeconds + 5 = %d, or the node is killed mid-flush" $component (int $s.terminationGracePeriodSeconds) (int $min)) -}}
{{- end -}}
{{- $pdb := (index $v $component).pdb -}}
{{- if and $pdb.create (ne (toString $pdb.minAvailable) "") (ne (toString $pdb.maxUnavailable) "") -}}
{{- $errors = append $errors (printf "%s.pdb: set only one of minAvailable and maxUnavailable" $component) -}}
{{- end -}}
{{- end -}}
{{- if and $v.server.autoscaling.enabled (lt (int $v.server.autoscaling.maxReplicas) (int $v.server.autoscaling.minReplicas)) -}}
{{- $errors = append $errors "server.autoscaling: maxReplicas must be >= minReplicas" -}}
{{- end -}}
{{- if and $v.server.autoscaling.enabled (not (or $v.server.autoscaling.targetCPUUtilizationPercentage $v.server.autoscaling.targetMemoryUtilizationPercentage)) -}}
{{- $errors = append $errors "server.autoscaling: set targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage" -}}
{{- end -}}
{{- if and $v.httpRoute.enabled (not $v.httpRoute.parentRefs) -}}
{{- $errors = append $errors "httpRoute: set httpRoute.parentRefs (the Gateway to attach to)" -}}
{{- end -}}
{{- if and $v.migrations.enabled (eq $v.migrations.mode "hook") (include "weft.createSecret" .) -}}
{{- $errors = append $errors "migrations.mode=hook: pre-install hooks run before chart-made Secrets exist (helm/charts#9047); use existingSecret for auth, database and redis, or migrations.mode=job" -}}
{{- end -}}
{{- if and $v.presence.enabled (not (include "weft.redisEnabled" .)) -}}
{{- $errors = append $errors "presence: the presence service aggregates the fleet through Redis and exits without it; set redis.url or redis.existingSecret (or redis.mode sentinel / cluster with their addresses), or presence.enabled=false (a single node without Redis answers /api/presence itself)" -}}
{{- end -}}
{{- if and $v.migrations.enabled (eq $v.migrations.mode "hook") (gt (int $v.migrations.activeDeadlineSeconds) (int $v.migrations.helmTimeoutSeconds)) -}}
{{- $errors = append $errors (printf "migrations: activeDeadlineSeconds (%d) exceeds helmTimeoutSeconds (%d): helm stops waiting for the hook before Kubernetes stops the Job; lower it, or install with a longer --timeout and set helmTimeoutSeconds to match" (int $v.migrations.activeDeadlineSeconds) (int $v.migrations.helmTimeoutSeconds)) -}}
{{- end -}}
{{- $np := $v.networkPolicy -}}
{{- if and $np.enabled (not $np.allowExternal) (or $v.ingress.enabled $v.httpRoute.enabled) (not $np.ingressNSMatchLabels) -}}
{{- $errors = append $errors "networkPolicy: the Ingress/HTTPRoute cannot reach the pods; set networkPolicy.ingressNSMatchLabels (e.g. kubernetes.io/metadata.name: ingress-nginx) or networkPolicy.allowExternal=true" -}}
{{- end -}}
{{- if and $np.enabled $v.metrics.serviceMonitor.enabled (not $np.metricsNSMatchLabels) -}}
{{- $errors = append $errors "networkPolicy: Prometheus cannot scrape the pods; set networkPolicy.metricsNSMatchLabels (e.g. kubernetes.io/metadata.name: monitoring)" -}}
{{- end -}}
{{- with include "weft.connectionBudgetError" . -}}
{{- $errors = append $errors . -}}
{{- end -}}
{{- $errors = concat $errors (include "weft.missingSecrets" . | fromYamlArray) -}}
{{- if $errors -}}
{{- fail (printf "\n\nVALUES VALIDATION:\n  - %s\n" (join "\n  - " $errors)) -}}
{{- end -}}
{{- end -}}

{{/* Non-fatal advice printed by NOTES.txt. */}}
{{- define "weft.warnings" -}}
{{- $v := .Values -}}
{{- range $component := list "server" "presence" -}}
{{- $ru := (index $v $component).updateStrategy.rollingUpdate -}}
{{- if and $ru (ne (toString (default 0 $ru.maxUnavailable)) "0") }}
WARNING: {{ $component }}.updateStrategy.rollingUpdate.maxUnavailable is not 0: rollouts drop capacity and move sockets in bulk.
{{- end -}}
{{- end -}}
{{- if $v.auth.secret }}
WARNING: auth.secret is stored in the release; prefer auth.existingSecret.
{{- end -}}
{{- if and $v.ingress.enabled (not $v.ingress.annotations) }}
WARNING: ingress.annotations is empty: most controllers close idle WebSockets after 60 s; raise the proxy read/send timeouts (see the chart README).
{{- end -}}
{{- end -}}

{{/* Pods of a Deployment at most, during a rollout: replicas (or the HPA maximum) plus the surge. */}}
{{- define "weft.peakPods" -}}
{{- $c := .c -}}
{{- $pods := int $c.replicaCount -}}
{{- if and $c.autoscaling $c.autoscaling.enabled -}}{{- $pods = int $c.autoscaling.maxReplicas -}}{{- end -}}
{{- $surge := 0 -}}
{{- $ru := $c.updateStrategy.rollingUpdate -}}
{{- if and (eq (toString $c.updateStrategy.type) "RollingUpdate") $ru -}}
{{- $s := toString (default 0 $ru.maxSurge) -}}
{{- if hasSuffix "%" $s -}}
{{- $surge = div (add (mul $pods (int (trimSuffix "%" $s))) 99) 100 -}}
{{- else -}}
{{- $surge = int $s -}}
{{- end -}}
{{- end -}}
{{- add $pods $surge -}}
{{- end -}}

{{/*
Postgres connections the release can hold at its peak — every server pod the HPA may run plus the
rollout surge, presence likewise, each with DATABASE_POOL_MAX, plus one for the migrations Job —
against the declared max_connections minus the reserved ones.
*/}}
{{- define "weft.connectionBudgetError" -}}
{{- $v := .Values -}}
{{- if gt (int $v.database.maxConnections) 0 -}}
{{- $pods := int (include "weft.peakPods" (dict "c" $v.server)) -}}
{{- if $v.presence.enabled -}}{{- $pods = add $pods (int (include "weft.peakPods" (dict "c" $v.presence))) -}}{{- end -}}
{{- $peak := add (mul $pods (int $v.database.poolMax)) (ternary 1 0 $v.migrations.enabled) -}}
{{- $budget := sub (int $v.database.maxConnections) (int $v.database.reservedConnections) -}}
{{- if gt (int $peak) (int $budget) -}}
database: up to {{ $pods }} pods × poolMax {{ $v.database.poolMax }}{{ if $v.migrations.enabled }} + 1 (migrations){{ end }} = {{ $peak }} Postgres connections exceed maxConnections {{ $v.database.maxConnections }} − reservedConnections {{ $v.database.reservedConnections }} = {{ $budget }}; lower database.poolMax or server.autoscaling.maxReplicas, or raise Postgres max_connections and database.maxConnections
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Existing Secrets (and their keys) the pods reference, checked with `lookup` against the cluster.
`helm template` and a client dry-run have no cluster, so lookup answers nothing and the check is
skipped; it is also skipped when the namespace holds no Secret at all (nothing to compare with).
Renders a YAML list of problems.
*/}}
{{- define "weft.missingSecrets" -}}
{{- $problems := list -}}
{{- $inNamespace := lookup "v1" "Secret" .Release.Namespace "" -}}
{{- if and $inNamespace $inNamespace.items -}}
{{- $byName := dict -}}
{{- range $inNamespace.items -}}{{- $_ := set $byName .metadata.name . -}}{{- end -}}
{{- $wanted := list -}}
{{- range $section := list "auth" "database" "redis" -}}
{{- $s := index $.Values $section -}}
{{- if $s.existingSecret -}}
{{- $wanted = append $wanted (list $section $s.existingSecret $s.existingSecretKey) -}}
{{- end -}}
{{- end -}}
{{- range $wanted -}}
{{- $section := index . 0 -}}{{- $name := index . 1 -}}{{- $key := index . 2 -}}
{{- $secret := get $byName $name -}}
{{- if not $secret -}}
{{- $problems = append $problems (printf "%s.existingSecret: Secret %q does not exist in namespace %q; create it first (pods would stay in CreateContainerConfigError)" $section $name $.Release.Namespace) -}}
{{- else if not (hasKey (default dict $secret.data) $key) -}}
{{- $problems = append $problems (printf "%s.existingSecretKey: Secret %q has no key %q" $section $name $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $problems -}}
{{- end -}}
