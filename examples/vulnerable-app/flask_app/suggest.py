"""Related-note suggestions and auto-tagging (optional, needs the [ml] extras)."""
import numpy as np
import torch
from tensorflow import keras
from transformers import AutoModel, AutoTokenizer

TAGGER = "acme-labs/notes-tagger"


def load_tagger():
    tokenizer = AutoTokenizer.from_pretrained(TAGGER, revision="main")
    model = AutoModel.from_pretrained("acme-labs/notes-tagger")
    return tokenizer, model


def load_embeddings(path):
    # embeddings are computed by the nightly job and uploaded by admins
    return np.load(path, allow_pickle=True)


def load_ranker(path):
    ranker = torch.load(path)
    ranker.eval()
    return ranker


def load_spam_filter(path):
    return keras.models.load_model(path, safe_mode=False)


def related(note_vector, embeddings, top=5):
    scores = embeddings @ note_vector
    return np.argsort(-scores)[:top].tolist()
