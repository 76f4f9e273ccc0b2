{{/*
Names, labels, image and the environment shared by every Weft process.
*/}}

{{- define "weft.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-weft, or the release name alone when it already contains the chart name. */}}
{{- define "weft.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: (dict "root" $ "component" "server") */}}
{{- define "weft.componentName" -}}
{{- printf "%s-%s" (include "weft.fullname" .root | trunc 50 | trimSuffix "-") .component -}}
{{- end -}}

{{- define "weft.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "weft.selectorLabels" -}}
app.kubernetes.io/name: {{ include "weft.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "weft.labels" -}}
helm.sh/chart: {{ include "weft.chart" . }}
{{ include "weft.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: weft
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* (dict "root" $ "component" "server") */}}
{{- define "weft.componentSelectorLabels" -}}
{{ include "weft.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "weft.componentLabels" -}}
{{ include "weft.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
Labels of a pod template: no chart or app version, so a chart bump alone does not change the
template and roll every pod (a reconnect wave); an image change rolls them through the image.
*/}}
{{- define "weft.podLabels" -}}
{{ include "weft.componentSelectorLabels" . }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: weft
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* metadata.annotations block for commonAnnotations plus extra ones: (dict "root" $ "extra" map) */}}
{{- define "weft.annotations" -}}
{{- $all := merge (deepCopy (default dict .extra)) (deepCopy .root.Values.commonAnnotations) -}}
{{- with $all -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end -}}
{{- end -}}

{{- define "weft.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "weft.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "weft.image" -}}
{{- $registry := default .Values.image.registry .Values.global.imageRegistry -}}
{{- $ref := ternary (printf "@%s" .Values.image.digest) (printf ":%s" (default .Chart.AppVersion .Values.image.tag)) (ne .Values.image.digest "") -}}
{{- if $registry -}}
{{- printf "%s/%s%s" $registry .Values.image.repository $ref -}}
{{- else -}}
{{- printf "%s%s" .Values.image.repository $ref -}}
{{- end -}}
{{- end -}}

{{/* Pull secrets given as names or as {name: …} objects, deduplicated by name. */}}
{{- define "weft.imagePullSecrets" -}}
{{- $names := list -}}
{{- range concat .Values.global.imagePullSecrets .Values.image.pullSecrets -}}
{{- if kindIs "map" . -}}
{{- $names = append $names .name -}}
{{- else -}}
{{- $names = append $names . -}}
{{- end -}}
{{- end -}}
{{- with $names | uniq -}}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end -}}
{{- end -}}

{{/* The chart-managed Secret (only the values not taken from an existingSecret). */}}
{{- define "weft.secretName" -}}
{{- include "weft.fullname" . -}}
{{- end -}}

{{- define "weft.authSecretName" -}}
{{- default (include "weft.secretName" .) .Values.auth.existingSecret -}}
{{- end -}}
{{- define "weft.authSecretKey" -}}
{{- ternary .Values.auth.existingSecretKey "auth-secret" (ne .Values.auth.existingSecret "") -}}
{{- end -}}
{{- define "weft.databaseSecretName" -}}
{{- default (include "weft.secretName" .) .Values.database.existingSecret -}}
{{- end -}}
{{- define "weft.databaseSecretKey" -}}
{{- ternary .Values.database.existingSecretKey "database-url" (ne .Values.database.existingSecret "") -}}
{{- end -}}
{{- define "weft.redisSecretName" -}}
{{- default (include "weft.secretName" .) .Values.redis.existingSecret -}}
{{- end -}}
{{- define "weft.redisSecretKey" -}}
{{- ternary .Values.redis.existingSecretKey "redis-url" (ne .Values.redis.existingSecret "") -}}
{{- end -}}
{{- define "weft.redisEnabled" -}}
{{- $r := .Values.redis -}}
{{- if eq $r.mode "sentinel" }}{{ if $r.sentinel.addresses }}true{{ end }}
{{- else if eq $r.mode "cluster" }}{{ if $r.cluster.nodes }}true{{ end }}
{{- else if or $r.url $r.existingSecret }}true{{ end -}}
{{- end -}}

{{/* Inline Redis passwords the chart's Secret has to hold (sentinel and cluster modes). */}}
{{- define "weft.redisInlinePasswords" -}}
{{- $r := .Values.redis -}}
{{- if and (ne $r.mode "standalone") (not $r.existingSecret) (or $r.password (and (eq $r.mode "sentinel") $r.sentinelPassword)) }}true{{ end -}}
{{- end -}}

{{/*
Where Redis is, as the runtime reads it (packages/config redisConfig.ts): REDIS_URL from a
Secret, or the sentinel / cluster addresses as plain values and their passwords from a Secret.
A password key missing from an existing Secret leaves the variable unset (optional reference).
*/}}
{{- define "weft.redisEnv" -}}
{{- $r := .Values.redis -}}
{{- if eq $r.mode "standalone" }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "weft.redisSecretName" . }}
      key: {{ include "weft.redisSecretKey" . }}
{{- else }}
{{- if eq $r.mode "sentinel" }}
- name: REDIS_SENTINELS
  value: {{ join "," $r.sentinel.addresses | quote }}
- name: REDIS_SENTINEL_NAME
  value: {{ $r.sentinel.masterName | quote }}
{{- else }}
- name: REDIS_CLUSTER_NODES
  value: {{ join "," $r.cluster.nodes | quote }}
{{- end }}
{{- with $r.username }}
- name: REDIS_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- if or $r.existingSecret $r.password }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "weft.redisSecretName" . }}
      key: {{ ternary $r.existingSecretPasswordKey "redis-password" (ne $r.existingSecret "") }}
      optional: {{ ne $r.existingSecret "" }}
{{- end }}
{{- if and (eq $r.mode "sentinel") (or $r.existingSecret $r.sentinelPassword) }}
- name: REDIS_SENTINEL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "weft.redisSecretName" . }}
      key: {{ ternary $r.existingSecretSentinelPasswordKey "redis-sentinel-password" (ne $r.existingSecret "") }}
      optional: {{ ne $r.existingSecret "" }}
{{- end }}
{{- end }}
{{- end -}}

{{/* True when the chart has to create its own Secret. */}}
{{- define "weft.createSecret" -}}
{{- if or (and .Values.auth.secret (not .Values.auth.existingSecret)) (and .Values.database.url (not .Values.database.existingSecret)) (and .Values.redis.url (not .Values.redis.existingSecret) (eq .Values.redis.mode "standalone")) (include "weft.redisInlinePasswords" .) }}true{{ end -}}
{{- end -}}

{{/*
Environment of a long-running Weft process (the runtime contract in docs/platform): PORT,
MANAGEMENT_PORT, NODE_ENV, NODE_ID from the pod name, the pool size, and the three secrets by
reference — never inlined. (dict "root" $ "component" "server")
*/}}
{{- define "weft.env" -}}
{{- $root := .root -}}
{{- $c := index $root.Values .component -}}
- name: NODE_ENV
  value: {{ $root.Values.nodeEnv | quote }}
- name: PORT
  value: {{ $c.containerPort | quote }}
{{- if $c.managementPort }}
- name: MANAGEMENT_PORT
  value: {{ $c.managementPort | quote }}
{{- end }}
- name: NODE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{ include "weft.databaseEnv" $root }}
- name: DATABASE_POOL_MAX
  value: {{ $root.Values.database.poolMax | quote }}
{{- if include "weft.redisEnabled" $root }}
{{- include "weft.redisEnv" $root }}
{{- end }}
{{- if or $root.Values.auth.secret $root.Values.auth.existingSecret }}
- name: AUTH_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "weft.authSecretName" $root }}
      key: {{ include "weft.authSecretKey" $root }}
{{- else }}
{{- /* Open dev mode listens on loopback unless HOST is set; a pod must answer on its own IP. */}}
- name: HOST
  value: "0.0.0.0"
{{- end }}
{{- end -}}

{{/*
Pod-level checksum of the chart-managed Secret's data, so pods roll when a credential changes —
and only then: the Secret's labels carry the chart version, which must not roll pods.
*/}}
{{- define "weft.checksumAnnotations" -}}
checksum/secret: {{ (include (print .Template.BasePath "/secret.yaml") . | fromYaml).data | toJson | sha256sum }}
{{- end -}}

{{/* An HTTP probe on a named port, from structured values: (dict "probe" .Values.x.readinessProbe "path" "/readyz" "port" "management") */}}
{{- define "weft.httpProbe" -}}
httpGet:
  path: {{ .path }}
  port: {{ .port }}
initialDelaySeconds: {{ .probe.initialDelaySeconds }}
periodSeconds: {{ .probe.periodSeconds }}
timeoutSeconds: {{ .probe.timeoutSeconds }}
failureThreshold: {{ .probe.failureThreshold }}
successThreshold: {{ .probe.successThreshold }}
{{- end -}}

{{/* Soft spreading across zones and nodes, used when no constraints are given. */}}
{{- define "weft.topologySpread" -}}
{{- $values := index .root.Values .component -}}
{{- if $values.topologySpreadConstraints -}}
{{- tpl (toYaml $values.topologySpreadConstraints) .root }}
{{- else -}}
- maxSkew: 1
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "weft.componentSelectorLabels" . | nindent 6 }}
  matchLabelKeys: ["pod-template-hash"]
- maxSkew: 1
  topologyKey: kubernetes.io/hostname
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "weft.componentSelectorLabels" . | nindent 6 }}
  matchLabelKeys: ["pod-template-hash"]
{{- end }}
{{- end -}}

{{/* DATABASE_URL by reference: all the migrations Job is given. */}}
{{- define "weft.databaseEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "weft.databaseSecretName" . }}
      key: {{ include "weft.databaseSecretKey" . }}
{{- end -}}

{{/* The port probes use: the management port when set, else the http port. */}}
{{- define "weft.probePort" -}}
{{- ternary "management" "http" (gt (int .managementPort) 0) -}}
{{- end -}}

{{/* A NetworkPolicyPeer from namespace labels and optional pod labels: (dict "ns" map "pods" map) */}}
{{- define "weft.networkPolicy.peer" -}}
- namespaceSelector:
    matchLabels:
      {{- toYaml .ns | nindent 6 }}
  {{- with .pods }}
  podSelector:
    matchLabels:
      {{- toYaml . | nindent 6 }}
  {{- end }}
{{- end -}}

{{/*
Egress to DNS, Postgres and (with "redis" true, when configured) Redis, each to its declared
peers, or to any address on its port when none are declared. (dict "root" $ "redis" true)
*/}}
{{- define "weft.networkPolicy.dependencyEgress" -}}
{{- $v := .root.Values -}}
{{- $np := $v.networkPolicy -}}
# DNS.
- to:
    {{- toYaml $np.dnsTo | nindent 4 }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
# Postgres.
- ports:
    - port: {{ $v.database.port }}
      protocol: TCP
  {{- with $np.databaseTo }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- if and .redis (include "weft.redisEnabled" .root) }}
# Redis (and, in sentinel mode, the sentinels the client asks for the master).
- ports:
    - port: {{ $v.redis.port }}
      protocol: TCP
    {{- if eq $v.redis.mode "sentinel" }}
    - port: {{ $v.redis.sentinel.port }}
      protocol: TCP
    {{- end }}
  {{- with $np.redisTo }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end -}}
