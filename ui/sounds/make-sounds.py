#!/usr/bin/env python3
"""Makes the desk's three short sounds (16-bit mono WAV, 22,050 Hz).

  welcome.wav  two rising notes, bright: "come in"
  already.wav  two equal, softer notes: "look at the screen"
  problem.wav  one low, buzzing note: "stop"

Run from ui/sounds/: python3 make-sounds.py. Only the standard library.
"""
import math
import struct
import wave

RATE = 22050


def tone(freq, seconds, volume=0.5, harmonics=(1.0,), attack=0.008, release=0.06):
    n = int(RATE * seconds)
    out = []
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / attack, (seconds - t) / release)
        v = sum(a * math.sin(2 * math.pi * freq * (k + 1) * t) for k, a in enumerate(harmonics))
        out.append(volume * max(0.0, env) * v / sum(harmonics))
    return out


def silence(seconds):
    return [0.0] * int(RATE * seconds)


def write(name, samples):
    with wave.open(name, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32767)) for s in samples))


write("welcome.wav", tone(880, 0.12, harmonics=(1.0, 0.3)) + silence(0.02) + tone(1318.5, 0.20, harmonics=(1.0, 0.3)))
write("already.wav", tone(660, 0.12, 0.4) + silence(0.08) + tone(660, 0.12, 0.4))
write("problem.wav", tone(196, 0.45, 0.6, harmonics=(1.0, 0.6, 0.4, 0.3), release=0.1))
