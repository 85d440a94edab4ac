#!/usr/bin/env bash
# Makes the queue's prompts in resources/prompts/ (committed; run again only to change
# them): announcements in Bahasa Indonesia by espeak-ng (voice "id") and a hold tune
# synthesised by sox, all 8 kHz mono A-law WAV (8 kB per second, what the trunk's G.711
# carries anyway), so rtpengine plays them without resampling.
#   bash scripts/make-prompts.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/resources/prompts"
command -v espeak-ng >/dev/null || { echo "make-prompts.sh: espeak-ng is missing (apt-get install espeak-ng)" >&2; exit 1; }
command -v sox >/dev/null || { echo "make-prompts.sh: sox is missing (apt-get install sox)" >&2; exit 1; }
mkdir -p "$OUT"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

say() { # say <file> <text>
  espeak-ng -v id -s 150 -w "$tmp/raw.wav" "$2"
  sox "$tmp/raw.wav" -r 8000 -c 1 -e a-law "$OUT/$1.wav" norm -3
}

say welcome "Terima kasih telah menghubungi kami. Semua agen kami sedang melayani pelanggan lain. Mohon tunggu sebentar."
for n in 1 2 3 4 5 6 7 8 9 10; do
  say "position-$n" "Anda berada di antrean nomor $n."
done
say position-many "Masih ada lebih dari sepuluh penelepon di depan Anda."
for m in 1 2 3 5 10; do
  say "wait-$m" "Perkiraan waktu tunggu Anda sekitar $m menit."
done
say callback "Antrean sedang panjang. Kami akan menelepon Anda kembali di nomor ini secepatnya. Terima kasih."
say overflow "Panggilan Anda kami sambungkan ke pusat layanan kami yang lain. Mohon tunggu."
say closed "Mohon maaf, pusat layanan kami sedang tutup."

# Hold music: eight seconds of a soft four-note phrase (rtpengine repeats it).
sox -n -r 8000 -c 1 "$tmp/tune.wav" synth 1 pluck C4 synth 1 pluck E4 : synth 1 pluck G4 : synth 1 pluck E4 : \
  synth 1 pluck F4 : synth 1 pluck A4 : synth 1 pluck G4 : synth 1 pluck D4 2>/dev/null || \
  sox -n -r 8000 -c 1 "$tmp/tune.wav" synth 8 sine 440 tremolo 2 60
sox "$tmp/tune.wav" -r 8000 -c 1 -e a-law "$OUT/music.wav" gain -n -9 fade 0.05 0 0.05
ls -l "$OUT"
