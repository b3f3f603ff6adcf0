; hello.asm: write(1, msg, len); exit(0) on x86-64 Linux
        global  _start

        section .data
msg:    db      "Hello, world", 10
len:    equ     $ - msg

        section .text
_start:
        mov     rax, 1          ; sys_write
        mov     rdi, 1          ; stdout
        lea     rsi, [rel msg]
        mov     rdx, len
        syscall

        xor     edi, edi        ; status 0
        mov     eax, 60         ; sys_exit
        syscall
