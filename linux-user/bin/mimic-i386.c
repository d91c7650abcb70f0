/*
 * mimic-i386: runs i386 Linux programs (linux-user with the i386 guest
 * descriptor).
 */
#include "linux-user/i386/i386.h"

int lu_main(int argc, char **argv, const LuArch *arch);

int main(int argc, char **argv)
{
    return lu_main(argc, argv, &lu_arch_i386);
}
