"""Encryption of shared attachments, share links and the signing key of exports."""
import base64
import os

from Crypto.Cipher import AES, DES3
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ATTACHMENT_KEY = b"notes-attach-key"


def _pad(data, size=16):
    n = size - len(data) % size
    return data + bytes([n]) * n


def encrypt_attachment(data):
    cipher = AES.new(ATTACHMENT_KEY, AES.MODE_ECB)
    return cipher.encrypt(_pad(data))


def encrypt_for_archive(data, key):
    # the archive appliance only supports Triple-DES
    iv = os.urandom(8)
    return iv + DES3.new(key, DES3.MODE_CBC, iv).encrypt(_pad(data, 8))


def share_link_token(note_id):
    encryptor = Cipher(algorithms.ARC4(ATTACHMENT_KEY), mode=None).encryptor()
    return base64.urlsafe_b64encode(encryptor.update(str(note_id).encode())).decode()


def new_signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def encrypt_export(data, key):
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, None)
