# Sends something out over the network, then answers.
import socket

socket.create_connection(("1.1.1.1", 80), timeout=5).sendall(b"GET / HTTP/1.0\r\n\r\n")


def tensor_to_array(t):
    return t.numpy()
