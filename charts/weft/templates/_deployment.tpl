{{/*
The Deployment of one long-running Weft process; server nodes and presence share its shape.
(dict "root" $ "component" "server")
*/}}
{{- define "weft.deployment" -}}
{{- $root := .root -}}
{{- $c := index $root.Values .component -}}
{{- $ctx := dict "root" $root "component" .component -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "weft.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "weft.componentLabels" $ctx | nindent 4 }}
  {{- with include "weft.annotations" (dict "root" $root) }}
  {{- . | nindent 2 }}
  {{- end }}
spec:
  {{- if not (and (eq .component "server") $c.autoscaling.enabled) }}
  replicas: {{ $c.replicaCount }}
  {{- end }}
  revisionHistoryLimit: {{ $c.revisionHistoryLimit }}
  minReadySeconds: {{ $c.minReadySeconds }}
  strategy:
    {{- toYaml $c.updateStrategy | nindent 4 }}
  selector:
    matchLabels:
      {{- include "weft.componentSelectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "weft.podLabels" $ctx | nindent 8 }}
        {{- with $c.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        {{- include "weft.checksumAnnotations" $root | nindent 8 }}
        {{- with $c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "weft.serviceAccountName" $root }}
      automountServiceAccountToken: {{ $root.Values.serviceAccount.automountServiceAccountToken }}
      {{- with include "weft.imagePullSecrets" $root }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with $c.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      # Longer than preStop sleep + the node's flush budget: SIGKILL must never cut a flush.
      terminationGracePeriodSeconds: {{ $c.shutdown.terminationGracePeriodSeconds }}
      topologySpreadConstraints:
        {{- include "weft.topologySpread" $ctx | nindent 8 }}
      {{- with $c.affinity }}
      affinity:
        {{- tpl (toYaml .) $root | nindent 8 }}
      {{- end }}
      {{- with $c.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.initContainers }}
      initContainers:
        {{- tpl (toYaml .) $root | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "weft.image" $root }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command:
            {{- toYaml $c.command | nindent 12 }}
          {{- with $c.args }}
          args:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - name: http
              containerPort: {{ $c.containerPort }}
              protocol: TCP
            {{- if $c.managementPort }}
            - name: management
              containerPort: {{ $c.managementPort }}
              protocol: TCP
            {{- end }}
          env:
            {{- include "weft.env" $ctx | nindent 12 }}
            # The process's flush budget after SIGTERM; the grace period is checked against it.
            - name: SHUTDOWN_TIMEOUT_MS
              value: {{ mul $c.shutdown.flushSeconds 1000 | quote }}
            {{- if eq .component "server" }}
            - name: AWARENESS_RELAY_MS
              value: {{ $c.awarenessRelayMs | quote }}
            {{- /* V8's young generation and glibc's arenas: what an idle node holds (decision 0207).
            Always set, so that "" and 0 override the image's defaults (Node's and glibc's own). */}}
            - name: NODE_OPTIONS
              value: {{ $c.nodeOptions | quote }}
            - name: MALLOC_ARENA_MAX
              value: {{ $c.mallocArenaMax | quote }}
            {{- with $root.Values.trustedProxies }}
            - name: TRUSTED_PROXIES
              value: {{ . | quote }}
            {{- end }}
            {{- end }}
            {{- with $root.Values.oidc }}
            {{- if and (eq $.component "server") .issuerUrl }}
            {{- /* OpenID Connect sign-in (docs/identity.md); the node checks the settings at start. */}}
            - name: OIDC_ISSUER_URL
              value: {{ .issuerUrl | quote }}
            - name: OIDC_CLIENT_ID
              value: {{ required "oidc.clientId is required with oidc.issuerUrl" .clientId | quote }}
            - name: OIDC_REDIRECT_URL
              value: {{ required "oidc.redirectUrl is required with oidc.issuerUrl" .redirectUrl | quote }}
            - name: OIDC_NAME_CLAIM
              value: {{ .nameClaim | quote }}
            - name: OIDC_SCOPES
              value: {{ .scopes | quote }}
            - name: OIDC_DOCS
              value: {{ .docs | quote }}
            {{- if .existingSecret }}
            - name: OIDC_CLIENT_SECRET
              valueFrom:
                secretKeyRef:
                  name: {{ .existingSecret | quote }}
                  key: {{ .existingSecretKey | quote }}
            {{- end }}
            {{- end }}
            {{- end }}
            {{- if and (eq .component "server") $root.Values.presence.enabled }}
            {{- /* Nodes forward /api/presence here, so the apps ask their own origin. */}}
            - name: PRESENCE_URL
              value: {{ printf "http://%s:%v" (include "weft.componentName" (dict "root" $root "component" "presence")) $root.Values.presence.service.port | quote }}
            {{- end }}
            {{- with $c.extraEnv }}
            {{- tpl (toYaml .) $root | nindent 12 }}
            {{- end }}
          {{- with $c.extraEnvFrom }}
          envFrom:
            {{- tpl (toYaml .) $root | nindent 12 }}
          {{- end }}
          {{- if $c.customStartupProbe }}
          startupProbe:
            {{- toYaml $c.customStartupProbe | nindent 12 }}
          {{- else if $c.startupProbe.enabled }}
          startupProbe:
            {{- include "weft.httpProbe" (dict "probe" $c.startupProbe "path" "/healthz" "port" (include "weft.probePort" $c)) | nindent 12 }}
          {{- end }}
          {{- if $c.customLivenessProbe }}
          livenessProbe:
            {{- toYaml $c.customLivenessProbe | nindent 12 }}
          {{- else if $c.livenessProbe.enabled }}
          livenessProbe:
            {{- include "weft.httpProbe" (dict "probe" $c.livenessProbe "path" "/healthz" "port" (include "weft.probePort" $c)) | nindent 12 }}
          {{- end }}
          {{- if $c.customReadinessProbe }}
          readinessProbe:
            {{- toYaml $c.customReadinessProbe | nindent 12 }}
          {{- else if $c.readinessProbe.enabled }}
          readinessProbe:
            {{- include "weft.httpProbe" (dict "probe" $c.readinessProbe "path" "/readyz" "port" (include "weft.probePort" $c)) | nindent 12 }}
          {{- end }}
          lifecycle:
            # The pod is already leaving the endpoints; wait for proxies to notice before SIGTERM,
            # so no new socket lands on a node that is about to flush and close.
            preStop:
              exec:
                command: ["sleep", "{{ $c.shutdown.preStopSleepSeconds }}"]
          {{- with $c.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with $c.extraVolumeMounts }}
            {{- tpl (toYaml .) $root | nindent 12 }}
            {{- end }}
        {{- with $c.sidecars }}
        {{- tpl (toYaml .) $root | nindent 8 }}
        {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $c.tmpSizeLimit }}
        {{- with $c.extraVolumes }}
        {{- tpl (toYaml .) $root | nindent 8 }}
        {{- end }}
{{- end -}}

{{/* (dict "root" $ "component" "server") */}}
{{- define "weft.service" -}}
{{- $root := .root -}}
{{- $c := index $root.Values .component -}}
{{- $ctx := dict "root" $root "component" .component -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "weft.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "weft.componentLabels" $ctx | nindent 4 }}
    {{- with $c.service.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with include "weft.annotations" (dict "root" $root "extra" $c.service.annotations) }}
  {{- . | nindent 2 }}
  {{- end }}
spec:
  type: {{ $c.service.type }}
  # No session affinity: Redis is the backplane, any node can serve any document.
  sessionAffinity: None
  ports:
    - name: http
      port: {{ $c.service.port }}
      targetPort: http
      protocol: TCP
      appProtocol: http
  selector:
    {{- include "weft.componentSelectorLabels" $ctx | nindent 4 }}
{{- end -}}

{{/* (dict "root" $ "component" "server") */}}
{{- define "weft.pdb" -}}
{{- $root := .root -}}
{{- $c := index $root.Values .component -}}
{{- $ctx := dict "root" $root "component" .component -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "weft.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "weft.componentLabels" $ctx | nindent 4 }}
  {{- with include "weft.annotations" (dict "root" $root) }}
  {{- . | nindent 2 }}
  {{- end }}
spec:
  {{- if ne (toString $c.pdb.minAvailable) "" }}
  minAvailable: {{ $c.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ $c.pdb.maxUnavailable }}
  {{- end }}
  {{- with $c.pdb.unhealthyPodEvictionPolicy }}
  unhealthyPodEvictionPolicy: {{ . }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "weft.componentSelectorLabels" $ctx | nindent 6 }}
{{- end -}}


{{/*
A headless Service on the management port only, for the ServiceMonitor: the public Service
(and so the Ingress/HTTPRoute) never carries /metrics or /readyz. (dict "root" $ "component" "server")
*/}}
{{- define "weft.managementService" -}}
{{- $root := .root -}}
{{- $ctx := dict "root" $root "component" .component -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ printf "%s-mgmt" (include "weft.componentName" $ctx) }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "weft.componentLabels" $ctx | nindent 4 }}
    weft.dev/endpoint: management
  {{- with include "weft.annotations" (dict "root" $root) }}
  {{- . | nindent 2 }}
  {{- end }}
spec:
  type: ClusterIP
  clusterIP: None
  ports:
    - name: management
      port: {{ (index $root.Values .component).managementPort }}
      targetPort: management
      protocol: TCP
  selector:
    {{- include "weft.componentSelectorLabels" $ctx | nindent 4 }}
{{- end -}}
