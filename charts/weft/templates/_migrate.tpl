{{/*
The migrations Job's pod template, and its name derived from it. The Job gets only DATABASE_URL:
it needs neither the token key nor Redis.
*/}}
{{- define "weft.migratePodTemplate" -}}
{{- $m := .Values.migrations -}}
{{- $ctx := dict "root" . "component" "migrate" -}}
metadata:
  labels:
    {{- include "weft.podLabels" $ctx | nindent 4 }}
  {{- with $m.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  restartPolicy: Never
  {{- if ne $m.mode "hook" }}
  serviceAccountName: {{ include "weft.serviceAccountName" . }}
  {{- end }}
  automountServiceAccountToken: false
  {{- with include "weft.imagePullSecrets" . }}
  {{- . | nindent 2 }}
  {{- end }}
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  {{- with $m.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $m.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: migrate
      image: {{ include "weft.image" . }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      command:
        {{- toYaml $m.command | nindent 8 }}
      {{- with $m.args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      env:
        - name: NODE_ENV
          value: {{ .Values.nodeEnv | quote }}
        {{- include "weft.databaseEnv" . | nindent 8 }}
        {{- with $m.extraEnv }}
        {{- tpl (toYaml .) $ | nindent 8 }}
        {{- end }}
      {{- with $m.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml .Values.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 64Mi
{{- end -}}

{{- define "weft.migrateJobName" -}}
{{- $hash := include "weft.migratePodTemplate" . | sha256sum | trunc 10 -}}
{{- printf "%s-%s" (include "weft.componentName" (dict "root" . "component" "migrate") | trunc 52 | trimSuffix "-") $hash -}}
{{- end -}}

{{- define "weft.migrateAnnotations" -}}
{{- if eq .Values.migrations.mode "hook" -}}
# Blocks the release until the schema is applied. Uses only pre-existing Secrets: chart-made
# ones do not exist yet at pre-install (helm/charts#9047), which the values check enforces.
# Argo CD maps these to a PreSync hook (and hook-weight to a sync wave).
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: "-5"
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- else if .Values.migrations.gitOpsAnnotations -}}
# Argo CD: a Sync hook runs with the other objects and is not compared afterwards, so the TTL
# delete does not leave the application OutOfSync. No sync wave: the chart's Secret and
# ServiceAccount, which the Job needs, are applied in the same wave.
argocd.argoproj.io/hook: Sync
argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
# Flux helm-controller: a Job removed by its TTL is not drift to correct.
helm.toolkit.fluxcd.io/driftDetection: disabled
{{- end -}}
{{- end -}}
