#!/usr/bin/env bash
# Prints the CRD manifests the chart's optional objects need (Gateway API HTTPRoute,
# prometheus-operator ServiceMonitor and PrometheusRule), taken from the projects' own Go module
# zips (the Go module proxy keeps them in the module cache, outside the checkout).
set -euo pipefail
GATEWAY_API_VERSION="${GATEWAY_API_VERSION:-v1.4.0}"
PROMETHEUS_OPERATOR_VERSION="${PROMETHEUS_OPERATOR_VERSION:-v0.85.0}"
dir() { GOFLAGS=-mod=mod go mod download -json "$1" | sed -n 's/^\s*"Dir": "\(.*\)",\?$/\1/p'; }
gw="$(dir "sigs.k8s.io/gateway-api@$GATEWAY_API_VERSION")"
po="$(dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")"
echo "$gw/config/crd/standard/gateway.networking.k8s.io_httproutes.yaml"
echo "$gw/config/crd/standard/gateway.networking.k8s.io_gateways.yaml"
echo "$gw/config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml"
echo "$po/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml"
echo "$po/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml"
