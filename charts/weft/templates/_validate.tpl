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
