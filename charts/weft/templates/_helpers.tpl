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

{{- define "weft.imagePullSecrets" -}}
{{- $secrets := concat .Values.global.imagePullSecrets .Values.image.pullSecrets | uniq -}}
{{- with $secrets -}}
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
Environment of every Weft process (the runtime contract in docs/platform): PORT, NODE_ENV,
NODE_ID from the pod name, and the three secrets by reference — never inlined.
(dict "root" $ "port" 8080)
*/}}
{{- define "weft.env" -}}
{{- $root := .root -}}
- name: NODE_ENV
  value: {{ $root.Values.nodeEnv | quote }}
{{- if .port }}
- name: PORT
  value: {{ .port | quote }}
{{- end }}
- name: NODE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "weft.databaseSecretName" $root }}
      key: {{ include "weft.databaseSecretKey" $root }}
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

{{/* Pod-level checksum of the chart-managed Secret so pods roll when a credential changes. */}}
{{- define "weft.checksumAnnotations" -}}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}

{{/* An HTTP probe on the named port, from structured values: (dict "probe" .Values.x.readinessProbe "path" "/readyz") */}}
{{- define "weft.httpProbe" -}}
httpGet:
  path: {{ .path }}
  port: http
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
