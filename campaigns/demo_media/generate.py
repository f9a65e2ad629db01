"""Generate the small demo files of the campaign library (run once; the results are
committed, so `make run` needs none of these tools).

Needs espeak-ng and ffmpeg (apt-get install espeak-ng ffmpeg) and Pillow:
    python campaigns/demo_media/generate.py
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
from campaigns.demo_data import FILM_CUES, FILM_SPEECH_DE, SPOT, TESTIMONY_DE  # noqa: E402

OUT = HERE / "files"
VOICES = {"de": "de", "fr": "fr-ch", "it": "it"}
BRAND = (138, 21, 56)
COLOURS = {"weinrot": "#8a1538", "blau": "#1d4f91", "schwarz": "#1a1a1a"}
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# three figures standing together: (head centre x, head radius, body left, top, right, bottom)
FIGURES = [(60, 22, 30, 64, 90, 200), (140, 26, 104, 70, 176, 220), (220, 22, 190, 64, 250, 200)]


def run(*command):
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603


def speech(text, language, target, tmp):
    wav = Path(tmp) / f"{target.stem}.wav"
    run("espeak-ng", "-v", VOICES[language], "-s", "150", "-w", str(wav), text)
    run("ffmpeg", "-y", "-loglevel", "error", "-i", str(wav), "-ac", "1", "-ar", "22050",
        "-b:a", "32k", str(target))
    return wav


def font(size):
    return ImageFont.truetype(FONT, size)


def silhouette_svg(colour):
    shapes = "\n".join(
        f'  <circle cx="{x}" cy="{r + 10}" r="{r}"/>\n'
        f'  <rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" rx="26"/>'
        for x, r, left, top, right, bottom in FIGURES)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 280 230" width="280" '
            f'height="230" role="img" aria-label="Drei Menschen">\n'
            f'  <title>Drei Menschen stehen zusammen</title>\n<g fill="{colour}">\n{shapes}\n'
            f'</g>\n</svg>\n')


def silhouette_png(colour, target, scale=3):
    image = Image.new("RGBA", (280 * scale, 230 * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for x, r, left, top, right, bottom in FIGURES:
        draw.ellipse([(x - r) * scale, 10 * scale, (x + r) * scale, (10 + 2 * r) * scale],
                     fill=colour)
        draw.rounded_rectangle([left * scale, top * scale, right * scale, bottom * scale],
                               radius=26 * scale, fill=colour)
    image.save(target, optimize=True)


def poster(target_png, target_pdf, title, lines):
    image = Image.new("RGB", (827, 1169), "#f6f3ee")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 827, 420], fill=BRAND)
    for x, r, left, top, right, bottom in FIGURES:
        s, dx, dy = 1.4, 220, 60
        draw.ellipse([dx + (x - r) * s, dy + 10 * s, dx + (x + r) * s, dy + (10 + 2 * r) * s],
                     fill="white")
        draw.rounded_rectangle([dx + left * s, dy + top * s, dx + right * s, dy + bottom * s],
                               radius=30, fill="white")
    draw.text((60, 480), title, font=font(64), fill=BRAND)
    for number, line in enumerate(lines):
        draw.text((60, 600 + number * 56), line, font=font(34), fill="#222222")
    draw.text((60, 1080), "entraide.ch", font=font(40), fill=BRAND)
    image.save(target_png, optimize=True)
    image.save(target_pdf, resolution=100)


def social_tile(target):
    image = Image.new("RGB", (1080, 1080), BRAND)
    draw = ImageDraw.Draw(image)
    draw.text((80, 380), "Gemeinsam", font=font(120), fill="white")
    draw.text((80, 520), "stärker.", font=font(120), fill="white")
    draw.text((80, 900), "21. Mai · Selbsthilfetag", font=font(48), fill="white")
    image.save(target, optimize=True)


def congress_logo():
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" '
            'height="200" role="img" aria-label="Kongresslogo">\n'
            '  <title>Nationaler Selbsthilfekongress</title>\n'
            '  <circle cx="100" cy="100" r="92" fill="none" stroke="#1d4f91" stroke-width="12"/>\n'
            '  <circle cx="70" cy="85" r="18" fill="#1d4f91"/>\n'
            '  <circle cx="130" cy="85" r="18" fill="#8a1538"/>\n'
            '  <path d="M40 150 q30 -45 60 0 q30 -45 60 0" fill="none" stroke="#1d4f91" '
            'stroke-width="12" stroke-linecap="round"/>\n</svg>\n')


def vtt(language):
    cues = "\n".join(f"{start} --> {end}\n{texts[language]}\n" for start, end, texts in FILM_CUES)
    return f"WEBVTT\n\n{cues}"


def film(tmp):
    voice = speech(FILM_SPEECH_DE, "de", Path(tmp) / "film-voice.mp3", tmp)
    title = "Gemeinsam stärker"
    run("ffmpeg", "-y", "-loglevel", "error",
        "-f", "lavfi", "-i", "color=c=0x8a1538:s=640x360:d=14:r=15",
        "-i", str(voice),
        "-vf", (f"drawtext=fontfile={FONT}:text='{title}':fontcolor=white:fontsize=44:"
                "x=(w-text_w)/2:y=(h-text_h)/2-20,"
                f"drawtext=fontfile={FONT}:text='Selbsthilfetag · 21. Mai':fontcolor=white:"
                "fontsize=24:x=(w-text_w)/2:y=(h/2)+40:alpha='min(1,t/3)'"),
        "-c:v", "libx264", "-preset", "veryslow", "-crf", "32", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "32k", "-ac", "1", "-shortest", "-movflags", "+faststart",
        str(OUT / "film-gemeinsam-staerker.mp4"))
    run("ffmpeg", "-y", "-loglevel", "error", "-ss", "4", "-i",
        str(OUT / "film-gemeinsam-staerker.mp4"), "-frames:v", "1", "-q:v", "4",
        str(OUT / "film-poster.jpg"))


def main():
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for language, text in SPOT.items():
            speech(text, language, OUT / f"radiospot-{language}.mp3", tmp)
        speech(TESTIMONY_DE, "de", OUT / "erfahrungsbericht-de.mp3", tmp)
        film(tmp)
    for language in ("de", "fr", "it"):
        (OUT / f"film-{language}.vtt").write_text(vtt(language), encoding="utf-8")
    for name, colour in COLOURS.items():
        (OUT / f"silhouette-{name}.svg").write_text(silhouette_svg(colour), encoding="utf-8")
        silhouette_png(colour, OUT / f"silhouette-{name}.png")
    poster(OUT / "plakat-a4.png", OUT / "plakat-a4.pdf", "Gemeinsam stärker",
           ["Nationaler Selbsthilfetag", "21. Mai 2026", "Offene Türen in Ihrer Region"])
    social_tile(OUT / "social-media-kachel.png")
    (OUT / "kongress-logo.svg").write_text(congress_logo(), encoding="utf-8")


if __name__ == "__main__":
    main()
