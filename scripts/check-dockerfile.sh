#!/usr/bin/env bash
# Checks the Dockerfile's rules statically (no Docker engine runs on the build machine):
#   - multi-stage, every base image pinned to a version (x.y...) or a digest, never :latest
#   - the final stage runs as a USER that is not root
#   - EXPOSE lists exactly the ports of listen.http and admin.listen of the image's configuration
#     (conf/docker/warden.yaml over the defaults in conf/warden.yaml), and VOLUME holds its dataDir
#   - HEALTHCHECK present, STOPSIGNAL SIGTERM (Warden drains on it), ENTRYPOINT and CMD in exec
#     form, so java is PID 1 and receives the signal itself
#
#   scripts/check-dockerfile.sh [DOCKERFILE]      default: the repository's Dockerfile
#
# Prints one line per rule and exits 1 if any fails. The test suite runs it (DockerfileCheckTest).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dockerfile=${1:-$root/Dockerfile}
image_config=$root/conf/docker/warden.yaml
default_config=$root/conf/warden.yaml
failures=0

ok() { echo "ok    $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

# The Dockerfile as one instruction per line: comments and blank lines dropped, continuation
# lines joined, the instruction upper-cased.
instructions() {
  awk '
    /^[[:space:]]*#/ { next }
    /^[[:space:]]*$/ { next }
    {
      line = $0
      if (sub(/\\[[:space:]]*$/, "", line)) { buf = buf line " "; next }
      line = buf line; buf = ""
      sub(/^[[:space:]]+/, "", line)
      split(line, word, /[[:space:]]+/)
      print toupper(word[1]) substr(line, length(word[1]) + 1)
    }' "$1"
}

# SECTION.KEY (or a top-level KEY when SECTION is empty) of one of our YAML files, which are
# written as flat mappings, one key per line.
yaml_value() {
  [[ -f $1 ]] || return 0
  awk -v section="$2" -v key="$3" '
    /^[[:space:]]*(#|$)/ { next }
    /^[^[:space:]]/ {
      current = $1; sub(/:$/, "", current)
      if (section == "" && $1 == key ":") { print $2; exit }
      next
    }
    section != "" && current == section && $1 == key ":" { print $2; exit }' "$1"
}

# The image's value: its own configuration first, then the defaults.
configured() {
  local value
  value=$(yaml_value "$image_config" "$1" "$2")
  [[ -n $value ]] || value=$(yaml_value "$default_config" "$1" "$2")
  echo "$value"
}

[[ -f $dockerfile ]] || { echo "no such file: $dockerfile" >&2; exit 2; }
mapfile -t lines < <(instructions "$dockerfile")

stages=() images=() final=()
for line in "${lines[@]}"; do
  if [[ $line == FROM\ * ]]; then
    read -r -a words <<< "${line#FROM }"
    image=""
    for word in "${words[@]}"; do
      [[ $word == --* ]] && continue
      image=$word
      break
    done
    images+=("$image")
    final=()
    n=${#words[@]}
    if (( n >= 3 )) && [[ ${words[n-2]} =~ ^[Aa][Ss]$ ]]; then
      stages+=("${words[n-1]}")
    fi
  fi
  final+=("$line")
done

# Base images: a stage name, a digest, or a tag that starts with a version such as 3.9.11 or 17.0.17_10.
if (( ${#images[@]} >= 2 )); then
  ok "multi-stage build (${#images[@]} stages)"
else
  fail "a multi-stage build is expected: build on a JDK image, run on a JRE image"
fi
for image in "${images[@]}"; do
  name=${image%@*} tag=""
  [[ ${name##*/} == *:* ]] && tag=${name##*:}
  if printf '%s\n' "${stages[@]}" | grep -qxF "$image"; then
    continue
  elif [[ $image == *@sha256:* ]]; then
    ok "base image pinned by digest: $image"
  elif [[ -z $tag ]]; then
    fail "base image not pinned: $image has no tag (means :latest)"
  elif [[ $tag =~ ^[0-9]+\.[0-9]+ ]]; then
    ok "base image pinned by version: $image"
  else
    fail "base image not pinned to a version: $image (tag '$tag' moves; use e.g. 17.0.17_10-jre-noble)"
  fi
done

# Everything below is about the final stage, the image that runs.
last() { printf '%s\n' "${final[@]}" | grep "^$1\\b" | tail -n 1 || true; }

user=$(last USER)
user=${user#USER }
user=${user%%:*}
if [[ -z $user ]]; then
  fail "no USER in the final stage: the image would run as root"
elif [[ $user == root || $user == 0 ]]; then
  fail "USER $user: the image must not run as root"
else
  ok "runs as a non-root user: $user"
fi

http=$(configured listen http)
admin=$(configured admin listen)
expected=$(printf '%s\n' "${http##*:}" "${admin##*:}" | sort -un | xargs)
exposed=$(printf '%s\n' "${final[@]}" | awk '$1 == "EXPOSE" { for (i = 2; i <= NF; i++) print $i }' \
  | sed 's#/tcp$##' | sort -un | xargs)
if [[ $exposed == "$expected" ]]; then
  ok "EXPOSE $exposed = listen.http ($http) and admin.listen ($admin)"
else
  fail "EXPOSE '$exposed' differs from the configured ports '$expected' (listen.http $http, admin.listen $admin)"
fi

data_dir=$(configured "" dataDir)
volume=$(last VOLUME)
if tr -d '[]",' <<< "${volume#VOLUME }" | tr ' ' '\n' | grep -qxF "$data_dir"; then
  ok "VOLUME holds dataDir $data_dir"
else
  fail "VOLUME should hold the configured dataDir $data_dir, got '${volume:-none}'"
fi

healthcheck=$(last HEALTHCHECK)
if [[ $healthcheck == *" CMD "* ]]; then
  ok "HEALTHCHECK present"
else
  fail "no HEALTHCHECK CMD in the final stage (probe the admin health endpoint), got '${healthcheck:-none}'"
fi

stopsignal=$(last STOPSIGNAL)
if [[ $stopsignal == "STOPSIGNAL SIGTERM" || $stopsignal == "STOPSIGNAL 15" ]]; then
  ok "STOPSIGNAL SIGTERM (drains)"
else
  fail "STOPSIGNAL SIGTERM expected, Warden drains on it; got '${stopsignal:-none}'"
fi

entrypoint=$(last ENTRYPOINT)
if [[ $entrypoint == "ENTRYPOINT ["* ]]; then
  ok "ENTRYPOINT in exec form"
else
  fail "ENTRYPOINT must be in exec form [\"java\", ...] so java receives SIGTERM, got '${entrypoint:-none}'"
fi
cmd=$(last CMD)
if [[ -z $cmd || $cmd == "CMD ["* ]]; then
  ok "CMD in exec form (or none)"
else
  fail "CMD must be in exec form [...] to reach the ENTRYPOINT as arguments, got '$cmd'"
fi

if (( failures > 0 )); then
  echo "$failures rule(s) failed in $dockerfile"
  exit 1
fi
