/*
 * Descriptors the emulator keeps for itself (the -D log file, ...) while
 * a linux-user guest runs in the same process: they are moved to the top
 * of the descriptor range and linux-user hides them from the guest
 * (EBADF for any syscall naming one, left out of /proc/self/fd).
 */
#ifndef UTIL_HIDDEN_FD_H
#define UTIL_HIDDEN_FD_H

#include <stdbool.h>

/* Moves fd to a hidden number (close-on-exec) and closes fd; returns the
 * new descriptor, or fd itself if it could not be moved. */
int mimic_fd_hide(int fd);
/* Forgets a hidden descriptor (before the emulator closes it). */
void mimic_fd_unhide(int fd);
bool mimic_fd_is_hidden(int fd);

#endif
