#!/bin/sh
# Makes the release archive (run by the build after the jar): peerscout-VERSION.tar.gz, laid out to
# unpack into a prefix such as ~/.local or /usr/local:
#   bin/peerscout                              the launcher (src/launcher/peerscout)
#   lib/peerscout/peerscout.jar                the jar
#   share/man/man1/peerscout.1, peerscout-*.1  one man page per command
#   share/bash-completion/completions/peerscout, share/zsh/site-functions/_peerscout
# The man pages and completion come from the picocli model (dev.peerscout.cli.ReleaseFiles).
# usage: make-archive.sh JAVA JAR LAUNCHER VERSION OUT.tar.gz
set -eu
java=$1 jar=$2 launcher=$3 version=$4 out=$5
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/lib/peerscout"
cp "$launcher" "$stage/bin/peerscout"
chmod 755 "$stage/bin/peerscout"
cp "$jar" "$stage/lib/peerscout/peerscout.jar"
"$java" -cp "$jar" dev.peerscout.cli.ReleaseFiles "$stage"
# Reproducible: names sorted, one timestamp, no owner names.
tar --sort=name --mtime='2026-11-24 00:00:00Z' --owner=0 --group=0 --numeric-owner \
  -C "$stage" -czf "$out.tmp" bin lib share
mv -f "$out.tmp" "$out"
echo "peerscout: release archive $out" >&2
