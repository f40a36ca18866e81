//! The `kumiai` executable: sets up the process, then runs the command line ([`kumiai::cli`]).

use std::process::ExitCode;

/// mimalloc asks Linux for transparent huge pages, and the kernel then zeroes 2 MiB at the
/// first touch of each: for a run of 20–60 ms (a rebuild of one union) that zeroing was a third
/// of the time. Our heaps are small; ordinary pages serve them better.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// A build allocates and frees many small strings and template values on every thread;
/// mimalloc's per-thread heaps do that with less work and less contention than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    kumiai::cli::run()
}
